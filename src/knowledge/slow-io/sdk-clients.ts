/** Clients of remote services: payment, mail, messaging, storage, model APIs. Each call is a round trip. */
import type { CallDefinition, LibraryDefinition, ObjectDefinition } from '../library-definition.js';

/** A client whose resources nest (`stripe.checkout.sessions.create(…)`): every method sends a request. */
function apiClient(kind: string, typeNames: readonly string[], io: string): Record<string, ObjectDefinition> {
  const call: CallDefinition = { io };
  return {
    [kind]: { typeNames, otherMethods: call, otherProperties: `${kind}Resource` },
    [`${kind}Resource`]: { typeNames: [], otherMethods: call, otherProperties: `${kind}Resource` },
  };
}

const awsSend: CallDefinition = { io: 'an AWS API call' };
/** AWS SDK v3 bare clients send commands with `client.send(command)`. */
const awsClient = { constructs: 'AwsClient' } as const;
/** The aggregated clients (`new S3()`) have one method per command. */
const awsAggregated = { constructs: 'AwsAggregatedClient' } as const;
const awsModule = (client: string, aggregated: string) => ({ [client]: awsClient, [aggregated]: awsAggregated });

export const sdkClients: readonly LibraryDefinition[] = [
  {
    name: 'stripe',
    docs: 'https://docs.stripe.com/api',
    typePackages: ['stripe'],
    modules: { stripe: { default: { constructs: 'Stripe', returns: 'Stripe' }, Stripe: { constructs: 'Stripe', returns: 'Stripe' } } },
    objects: apiClient('Stripe', ['Stripe'], 'a Stripe API call'),
  },
  {
    name: '@sendgrid/mail',
    docs: 'https://github.com/sendgrid/sendgrid-nodejs/tree/main/packages/mail',
    typePackages: ['@sendgrid/mail'],
    modules: { '@sendgrid/mail': { default: { is: 'MailService' }, MailService: { constructs: 'MailService' } } },
    objects: { MailService: { methods: { send: { io: 'sending an email' }, sendMultiple: { io: 'sending an email' } } } },
  },
  {
    name: 'nodemailer',
    docs: 'https://nodemailer.com/usage/',
    typePackages: ['nodemailer', '@types/nodemailer'],
    modules: { nodemailer: { createTransport: { returns: 'Transporter' }, default: { members: { createTransport: { returns: 'Transporter' } } } } },
    objects: { Transporter: { methods: { sendMail: { io: 'sending an email' }, verify: { io: 'an SMTP round trip' } } } },
  },
  {
    name: 'resend',
    docs: 'https://resend.com/docs/send-with-nodejs',
    typePackages: ['resend'],
    modules: { resend: { Resend: { constructs: 'Resend' } } },
    objects: apiClient('Resend', ['Resend'], 'sending an email'),
  },
  {
    name: 'twilio',
    docs: 'https://www.twilio.com/docs/libraries/reference/twilio-node/',
    typePackages: ['twilio'],
    modules: { twilio: { default: { returns: 'Twilio', constructs: 'Twilio', members: { Twilio: { constructs: 'Twilio' } } }, Twilio: { constructs: 'Twilio' } } },
    objects: apiClient('Twilio', ['Twilio'], 'a Twilio API call'),
  },
  {
    name: '@slack/web-api',
    docs: 'https://slack.dev/node-slack-sdk/web-api',
    typePackages: ['@slack/web-api', '@slack/webhook'],
    modules: {
      '@slack/web-api': { WebClient: { constructs: 'SlackClient' } },
      '@slack/webhook': { IncomingWebhook: { constructs: 'SlackWebhook' } },
    },
    objects: {
      ...apiClient('SlackClient', ['WebClient'], 'a Slack API call'),
      SlackWebhook: { typeNames: ['IncomingWebhook'], methods: { send: { io: 'a Slack webhook call' } } },
    },
  },
  {
    name: 'openai',
    docs: 'https://github.com/openai/openai-node',
    typePackages: ['openai'],
    modules: { openai: { default: { constructs: 'OpenAI' }, OpenAI: { constructs: 'OpenAI' } } },
    objects: apiClient('OpenAI', ['OpenAI'], 'an OpenAI API call'),
  },
  {
    // Listeners are registered on the client and return it (`ssh.on('ready', …).on('error', …).connect(…)`); the
    // promise around them waits for the login and the remote command.
    name: 'ssh2',
    docs: 'https://github.com/mscdex/ssh2#client',
    typePackages: ['ssh2', '@types/ssh2'],
    modules: { ssh2: { Client: { constructs: 'SshClient' }, default: { members: { Client: { constructs: 'SshClient' } } } } },
    objects: {
      SshClient: {
        typeNames: ['Client'],
        methods: {
          on: { returns: 'SshClient' },
          once: { returns: 'SshClient' },
          connect: { io: 'an SSH session' },
          exec: { io: 'a command over SSH' },
          shell: { io: 'an SSH session' },
          sftp: { io: 'an SFTP session' },
          forwardOut: { io: 'an SSH tunnel' },
        },
      },
    },
  },
  {
    name: '@aws-sdk',
    docs: 'https://docs.aws.amazon.com/AWSJavaScriptSDK/v3/latest/',
    typePackages: ['@aws-sdk/client-s3', '@aws-sdk/client-sqs', '@aws-sdk/client-sns', '@aws-sdk/client-ses', '@aws-sdk/client-sesv2',
      '@aws-sdk/client-lambda', '@aws-sdk/client-eventbridge', '@aws-sdk/client-kinesis', '@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', '@smithy/smithy-client'],
    modules: {
      '@aws-sdk/client-s3': awsModule('S3Client', 'S3'),
      '@aws-sdk/client-sqs': awsModule('SQSClient', 'SQS'),
      '@aws-sdk/client-sns': awsModule('SNSClient', 'SNS'),
      '@aws-sdk/client-ses': awsModule('SESClient', 'SES'),
      '@aws-sdk/client-sesv2': awsModule('SESv2Client', 'SESv2'),
      '@aws-sdk/client-lambda': awsModule('LambdaClient', 'Lambda'),
      '@aws-sdk/client-eventbridge': awsModule('EventBridgeClient', 'EventBridge'),
      '@aws-sdk/client-kinesis': awsModule('KinesisClient', 'Kinesis'),
      '@aws-sdk/client-dynamodb': awsModule('DynamoDBClient', 'DynamoDB'),
      '@aws-sdk/lib-dynamodb': { DynamoDBDocumentClient: { constructs: 'AwsClient', members: { from: { returns: 'AwsClient' } } } },
    },
    objects: {
      AwsClient: {
        typeNames: ['S3Client', 'SQSClient', 'SNSClient', 'SESClient', 'SESv2Client', 'LambdaClient', 'EventBridgeClient', 'KinesisClient',
          'DynamoDBClient', 'DynamoDBDocumentClient'],
        methods: { send: awsSend },
      },
      AwsAggregatedClient: { typeNames: ['S3', 'SQS', 'SNS', 'SES', 'SESv2', 'Lambda', 'EventBridge', 'Kinesis', 'DynamoDB'], otherMethods: awsSend },
    },
  },
];
