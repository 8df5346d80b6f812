/** Format name → reporter. */
import type { Format } from '../arguments.js';
import type { Reporter } from './report.js';

import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';

export const reporters: Readonly<Record<Format, Reporter>> = {
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
};
