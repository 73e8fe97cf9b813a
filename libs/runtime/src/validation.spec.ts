import { describe, expect, it } from '@jest/globals';
import { IsInt, IsString, Min } from 'class-validator';
import { DomainError } from './domain-error.js';
import { validateInput } from './validation.js';

class Sample {
  @IsString()
  name!: string;

  @IsInt()
  @Min(0)
  price!: number;
}

describe('validateInput', () => {
  it('returns a typed instance and strips unknown properties', async () => {
    const value = await validateInput(Sample, { name: 'motor', price: 2000, extra: true });
    expect(value).toBeInstanceOf(Sample);
    expect(value).toEqual({ name: 'motor', price: 2000 });
  });

  it('reports every invalid field with its constraint', async () => {
    const failure = await validateInput(Sample, { price: -1 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DomainError);
    const fields = (failure as DomainError).fields ?? [];
    expect(fields.map((field) => `${field.field}:${field.constraint}`).sort()).toEqual(['name:isString', 'price:min']);
  });

  it('refuses a body that is not an object', async () => {
    await expect(validateInput(Sample, [1, 2])).rejects.toMatchObject({ code: 'validation_failed' });
  });
});
