import rule from '../../rules/no-query-in-loop.js';
import { runRuleTests } from '../helpers/rule-testers.js';

// `document.import ?? await document.$get('import')`: the association loads only when the caller did not eager-load it
// (`include`), which is what the code is written for; a caller that maps eager-loaded records runs no query per element.

const documents = `import { Model } from 'sequelize-typescript';
declare function BelongsTo(target: () => unknown): PropertyDecorator;
class FileOperation extends Model {}
class Document extends Model {
  @BelongsTo(() => FileOperation)
  declare import: FileOperation | null;
  @BelongsTo(() => FileOperation)
  declare source: FileOperation | null;
}`;

/** A presenter per element of a list, whose body is `line`. */
const presentAll = (line: string): string => `${documents}
async function present(document: Document, template: Document) {
  ${line}
  return { id: document.id, source };
}
export async function presentAll(documents: Document[], template: Document) {
  return Promise.all(documents.map((document) => present(document, template)));
}`;

runRuleTests('no-query-in-loop: preloaded associations', rule, {
  valid: [
    { name: 'the loaded association, else its accessor', code: presentAll("const source = document.import ?? (await document.$get('import'));") },
    { name: 'with ||', code: presentAll("const source = document.import || (await document.$get('import'));") },
    { name: 'the association filled when missing, with ??=', code: presentAll("const source = (document.import ??= await document.$get('import'));") },
    { name: 'the association filled when missing, with ||=', code: presentAll("const source = (document.import ||= await document.$get('import'));") },
  ],
  invalid: [
    {
      name: 'the accessor with no loaded value to prefer',
      code: presentAll("const source = await document.$get('import');"),
      errors: [{ messageId: 'queryInFanOut' }],
    },
    {
      name: 'another association as the fallback of this one',
      code: presentAll("const source = document.import ?? (await document.$get('source'));"),
      errors: [{ messageId: 'queryInFanOut' }],
    },
    {
      name: 'the loaded association of another record',
      code: presentAll("const source = template.import ?? (await document.$get('import'));"),
      errors: [{ messageId: 'queryInFanOut' }],
    },
    {
      name: 'the fallback of something else than a loaded association',
      code: presentAll("const source = (document as any).cached ?? (await document.$get('import'));"),
      errors: [{ messageId: 'queryInFanOut' }],
    },
  ],
});
