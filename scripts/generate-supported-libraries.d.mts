/** Types of generate-supported-libraries.mjs, for test/docs.test.ts. */
import type { LibraryDefinition } from '../src/knowledge/library-definition.js';

export declare const outputPath: string;
export declare function renderSupportedLibraries(libraries: readonly LibraryDefinition[]): string;
