import { describe, expect, it } from '@jest/globals';
import { DomainError } from '@gerbang/runtime';
import { validateBody } from '../../common/body.js';
import { PartnerBody } from './partner.dto.js';

const valid = { group: 'supplier', companyName: 'PT Mitra', companyNpwp: '0123456789012345', businessLicense: '123/asd12eas/123', initial: 'PLN-BAG' };

const errorsOf = async (body: unknown) => {
  const error = await validateBody(PartnerBody, body).catch((failure: unknown) => failure);
  expect(error).toBeInstanceOf(DomainError);
  return Object.fromEntries(((error as DomainError).fields ?? []).map((field) => [field.field, [field.constraint, field.message]]));
};

describe('partner rules', () => {
  it('accepts the document example', async () => {
    await expect(validateBody(PartnerBody, valid)).resolves.toMatchObject(valid);
  });

  it('reports one error per field, the most basic first, in Indonesian', async () => {
    expect(await errorsOf({ ...valid, companyName: 42, initial: '' })).toEqual({
      companyName: ['string', 'companyName harus berupa teks'],
      initial: ['required', 'initial wajib diisi'],
    });
  });

  it('limits the initial to 8 letters, digits or dashes', async () => {
    expect(await errorsOf({ ...valid, initial: 'ABCDEFGHI' })).toEqual({ initial: ['max', 'initial maksimal 8 karakter'] });
    expect(await errorsOf({ ...valid, initial: 'PLN/BAG' })).toEqual({ initial: ['matches', 'initial hanya boleh berisi huruf, angka dan tanda -'] });
  });

  it('requires businessLicense for supplier and trader, not for the other groups', async () => {
    expect(Object.keys(await errorsOf({ ...valid, group: 'trader', businessLicense: ' ' }))).toEqual(['businessLicense']);
    for (const group of ['transporter', 'cbf', 'isp'])
      await expect(validateBody(PartnerBody, { ...valid, group, businessLicense: null })).resolves.toBeDefined();
  });

  it('refuses the internal group and an NPWP that is not 16 digits', async () => {
    expect(await errorsOf({ ...valid, group: 'internal', companyNpwp: '01.234.567.8-901.234' })).toEqual({
      group: ['oneof', 'group harus salah satu dari: supplier, trader, transporter, cbf, isp'],
      companyNpwp: ['len', 'NPWP (companyNpwp) harus 16 digit angka'],
    });
  });
});
