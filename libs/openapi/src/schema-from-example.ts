import type { JsonSchema } from './openapi-types.js';

/**
 * A JSON schema that an example satisfies, so Swagger UI can show a "Schema" tab for
 * responses the route tables only give an example of. Lists take their first item's shape.
 */
export function schemaFromExample(value: unknown): JsonSchema {
  if (value === null) return { nullable: true };
  if (Array.isArray(value)) return { type: 'array', items: value.length > 0 ? schemaFromExample(value[0]) : {} };
  switch (typeof value) {
    case 'string':
      return { type: 'string' };
    case 'number':
      return { type: Number.isInteger(value) ? 'integer' : 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'object': {
      const properties = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, schemaFromExample(item)]));
      return { type: 'object', properties };
    }
    default:
      return {};
  }
}
