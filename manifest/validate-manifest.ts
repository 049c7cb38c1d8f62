import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The Teams manifest schema 1.25, kept beside the project so that it is checked offline. */
export const schemaPath = resolve(
  __dirname,
  '../../shared/schemas/teams-manifest-1.25.schema.json',
);

let validator: ((data: unknown) => string[]) | undefined;

/** Whether the schema file is there to validate against. */
export function schemaAvailable(): boolean {
  return existsSync(schemaPath);
}

/**
 * Validates a manifest against the schema and returns one line per error (none when valid).
 * The schema is JSON Schema draft-04, hence ajv-draft-04; `strict` is off because it has
 * keywords strict mode rejects (e.g. `minimum` on an array), and `unicodeRegExp` is off
 * because one pattern holds `\a`, which a unicode RegExp refuses. Its `$ref`s are all local.
 */
export function validateManifest(manifest: unknown): string[] {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
    validator = (data) =>
      validate(data)
        ? []
        : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
  }
  return validator(manifest);
}
