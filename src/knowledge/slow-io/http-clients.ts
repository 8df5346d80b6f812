/** HTTP clients: every request waits on a remote server. */
import type { CallDefinition, LibraryDefinition } from '../library-definition.js';

const request: CallDefinition = { io: 'an HTTP request' };
const verbs = { get: request, post: request, put: request, patch: request, delete: request, head: request, options: request, request };
/** `http.get(url, (res) => …)` answers in a callback: slow when a promise waits for it. */
const nodeRequest = { request, get: request } as const;

export const httpClients: readonly LibraryDefinition[] = [
  {
    name: 'axios',
    docs: 'https://axios-http.com/docs/api_intro',
    typePackages: ['axios'],
    modules: { axios: { default: { ...request, is: 'Axios' }, axios: { ...request, is: 'Axios' } } },
    objects: {
      Axios: {
        typeNames: ['AxiosInstance', 'AxiosStatic', 'Axios'],
        call: request,
        methods: { ...verbs, postForm: request, putForm: request, patchForm: request, create: { returns: 'Axios' } },
      },
    },
  },
  {
    name: 'got',
    docs: 'https://github.com/sindresorhus/got',
    typePackages: ['got'],
    modules: { got: { default: { ...request, is: 'Got' }, got: { ...request, is: 'Got' } } },
    objects: { Got: { typeNames: ['Got'], call: request, methods: { ...verbs, extend: { returns: 'Got' } } } },
  },
  {
    name: 'ky',
    docs: 'https://github.com/sindresorhus/ky',
    typePackages: ['ky'],
    modules: { ky: { default: { ...request, is: 'Ky' } } },
    objects: { Ky: { typeNames: ['KyInstance'], call: request, methods: { ...verbs, create: { returns: 'Ky' }, extend: { returns: 'Ky' } } } },
  },
  {
    name: 'node-fetch',
    docs: 'https://github.com/node-fetch/node-fetch',
    typePackages: ['node-fetch'],
    modules: { 'node-fetch': { default: request }, 'cross-fetch': { default: request, fetch: request } },
    objects: {},
  },
  {
    name: 'undici',
    docs: 'https://undici.nodejs.org/',
    typePackages: ['undici'],
    modules: { undici: { fetch: request, request, stream: request } },
    objects: {},
  },
  {
    name: 'node:http',
    docs: 'https://nodejs.org/api/http.html#httprequesturl-options-callback',
    typePackages: [],
    modules: { http: nodeRequest, 'node:http': nodeRequest, https: nodeRequest, 'node:https': nodeRequest },
    objects: {},
  },
];
