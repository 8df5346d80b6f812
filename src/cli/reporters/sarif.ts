/** SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. */
import type { ReportedFinding, ReportedFix, ReportedLocation } from '../analyze-project.js';
import type { Reporter } from './report.js';

import { packageVersion } from '../../package-version.js';
import { getCwe, getDefaultSeverity, getDocsUrl, getRuleIds, getRuleMeta } from '../rule-catalog.js';

const informationUri = 'https://github.com/poolguard/eslint-plugin-poolguard';

export const formatSarif: Reporter = (report) => {
  const ruleIds = getRuleIds();
  const ruleIndex = new Map(ruleIds.map((ruleId, index) => [ruleId, index]));
  const toRegion = (location: Omit<ReportedLocation, 'file'>) => ({
    startLine: location.line,
    startColumn: location.column,
    endLine: location.endLine,
    endColumn: location.endColumn,
  });
  const toPhysical = (location: ReportedLocation) => ({
    artifactLocation: { uri: encodeURI(report.pathPrefix + location.file), uriBaseId: '%SRCROOT%' },
    region: toRegion(location),
  });
  const toFix = (file: string, fix: ReportedFix, description: string, kind: 'fix' | 'suggestion') => ({
    description: { text: description },
    artifactChanges: [
      {
        artifactLocation: { uri: encodeURI(report.pathPrefix + file), uriBaseId: '%SRCROOT%' },
        replacements: [{ deletedRegion: toRegion(fix.location), insertedContent: { text: fix.text } }],
      },
    ],
    properties: { kind },
  });
  const results = report.findings.map((finding) => {
    const fixes = [
      ...(finding.fix ? [toFix(finding.file, finding.fix, 'Safe fix (applied by `poolguard scan --fix`)', 'fix')] : []),
      ...(finding.suggestions ?? []).map((suggestion) => toFix(finding.file, suggestion.fix, suggestion.desc, 'suggestion')),
    ];
    return { ...toResult(finding, ruleIndex.get(finding.ruleId), toPhysical), ...(fixes.length > 0 ? { fixes } : {}) };
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'poolguard',
            informationUri,
            version: packageVersion,
            semanticVersion: packageVersion,
            rules: ruleIds.map(toRuleDescriptor),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

function toRuleDescriptor(ruleId: string) {
  const meta = getRuleMeta(ruleId);
  const description = meta?.docs?.description ?? ruleId;
  const cwe = getCwe(ruleId);
  const level = getDefaultSeverity(ruleId) === 'error' ? 'error' : 'warning';
  return {
    id: ruleId,
    name: ruleId.replace(/(^|-)(\w)/g, (_, __: string, letter: string) => letter.toUpperCase()),
    shortDescription: { text: description },
    fullDescription: { text: description },
    helpUri: getDocsUrl(ruleId),
    help: { text: `${description}. See ${getDocsUrl(ruleId)}`, markdown: `${description}. [Documentation](${getDocsUrl(ruleId)})` },
    defaultConfiguration: { level },
    properties: {
      tags: ['reliability', 'performance', ...(cwe ? [`external/cwe/${cwe.toLowerCase()}`] : [])],
      precision: 'high',
      'problem.severity': level,
      ...(meta?.type ? { kind: meta.type } : {}),
    },
  };
}

function toResult(finding: ReportedFinding, index: number | undefined, toPhysical: (location: ReportedLocation) => unknown) {
  const related = finding.related ?? [];
  return {
    ruleId: finding.ruleId,
    ...(index === undefined ? {} : { ruleIndex: index }),
    level: finding.severity === 'error' ? 'error' : 'warning',
    message: { text: finding.message },
    locations: [{ physicalLocation: toPhysical(finding) }],
    ...(related.length > 0
      ? {
          relatedLocations: related.map((location, relatedIndex) => ({ id: relatedIndex + 1, physicalLocation: toPhysical(location), message: { text: location.message } })),
          codeFlows: [
            {
              threadFlows: [
                {
                  locations: [
                    { location: { physicalLocation: toPhysical(finding), message: { text: finding.message } } },
                    ...related.map((location) => ({ location: { physicalLocation: toPhysical(location), message: { text: location.message } } })),
                  ],
                },
              ],
            },
          ],
        }
      : {}),
    partialFingerprints: { 'poolguardFingerprint/v1': finding.fingerprint },
    ...(finding.scriptsAndTests === undefined ? {} : { properties: { scriptsAndTests: finding.scriptsAndTests } }),
  };
}
