/** Finds the configuration that applies to a directory: the nearest poolguard.config.json or package.json with a `poolguard` key. */
import fs from 'node:fs';
import path from 'node:path';

import { configFileName } from './config-schema.js';

export interface ConfigLocation {
  readonly file: string;
  /** `package.json` holds the configuration under its `poolguard` key. */
  readonly inPackageJson: boolean;
}

export function findConfigFile(directory: string): ConfigLocation | undefined {
  for (let current = path.resolve(directory); ; current = path.dirname(current)) {
    const configFile = path.join(current, configFileName);
    if (fs.existsSync(configFile)) return { file: configFile, inPackageJson: false };
    const packageJson = path.join(current, 'package.json');
    if (fs.existsSync(packageJson) && hasPoolGuardKey(packageJson)) return { file: packageJson, inPackageJson: true };
    if (path.dirname(current) === current) return undefined;
  }
}

function hasPoolGuardKey(packageJson: string): boolean {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(packageJson, 'utf8'));
    return typeof parsed === 'object' && parsed !== null && 'poolguard' in parsed;
  } catch {
    // A broken package.json is not ours to report; it holds no configuration.
    return false;
  }
}
