import { FIELD_DOCS } from './field-docs.ts';
import { documentShape, type JsonSchema } from './validate.ts';

export const SCHEMA_ID = 'https://tebiki.dev/schema/flows-v1.json';

/** Every field path of the document, `[]` standing for any array index. */
export function fieldPaths(schema: JsonSchema = documentShape.schema): string[] {
  const paths = new Set<string>();
  const walk = (node: JsonSchema, path: string) => {
    for (const variant of (node.oneOf ?? []) as JsonSchema[]) walk(variant, path);
    if (node.items) walk(node.items as JsonSchema, `${path}[]`);
    const properties = (node.properties ?? {}) as Record<string, JsonSchema>;
    for (const [key, child] of Object.entries(properties)) {
      const childPath = path ? `${path}.${key}` : key;
      paths.add(childPath);
      walk(child, childPath);
    }
  };
  walk(schema, '');
  return [...paths];
}

/**
 * The flows document's JSON Schema (draft 2020-12), generated from the same
 * checks the SDK runs, with each field described for editors' hover text.
 * Unknown keys are flagged (`additionalProperties: false`), as the SDK warns.
 */
export function createJsonSchema(): JsonSchema {
  // A JSON round trip, not structuredClone: fragments are shared between fields,
  // and each field needs its own copy to carry its own description.
  const root = JSON.parse(JSON.stringify(documentShape.schema)) as JsonSchema;
  const annotate = (node: JsonSchema, path: string) => {
    for (const variant of (node.oneOf ?? []) as JsonSchema[]) annotate(variant, path);
    if (node.items) annotate(node.items as JsonSchema, `${path}[]`);
    if (node.type === 'object' && node.properties) {
      node.additionalProperties = false;
      for (const [key, child] of Object.entries(node.properties as Record<string, JsonSchema>)) {
        const childPath = path ? `${path}.${key}` : key;
        const description = FIELD_DOCS[childPath];
        if (description) child.description = description;
        annotate(child, childPath);
      }
    }
  };
  annotate(root, '');
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: SCHEMA_ID,
    title: 'Tebiki flows document',
    description: 'Tours, checklists, hints, announcements and milestones, authored by CS teams.',
    ...root,
  };
}
