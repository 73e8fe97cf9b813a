import { DEFAULT_LOCKOUT_POLICY, DEFAULT_PASSWORD_POLICY } from '@gerbang/auth';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * spec/crm-batubara-niaga-api.md "Resource & Group Privilege": the crm realm's resources and
 * privileges. Resource descriptions are those of the document's seed SQL; the contract and
 * shipping resources of the table, which that SQL leaves out, get descriptions in the same
 * style. Privilege descriptions follow the SQL: a prefix per privilege plus the resource's
 * description. The data is written out here (not imported) so the migration never changes.
 */
const CRM_RESOURCES: Array<[group: string, name: string, description: string, privileges: string[]]> = [
  ['Pengaturan', 'role-access', 'Peran dan Hak Akses', ['create', 'read', 'update', 'delete']],
  ['Pengaturan', 'users', 'Pengguna', ['create', 'read', 'update', 'activation']],
  ['Master Data', 'customer', 'Pelanggan', ['create', 'read', 'update', 'delete']],
  ['Master Data', 'partner', 'Mitra', ['create', 'read', 'update', 'delete']],
  ['Master Data', 'location', 'Lokasi', ['create', 'read', 'update', 'delete']],
  ['Master Data', 'power-plant', 'Pembangkit', ['create', 'read', 'update', 'delete']],
  ['Master Data', 'transportation-mode', 'Moda', ['create', 'read', 'update', 'delete']],
  ['Master Data', 'vessel', 'Kapal / Vessel', ['create', 'read', 'update', 'delete']],
  ['Referensi Data', 'exchange-rate', 'Exchange Rate', ['create', 'read', 'update']],
  ['Referensi Data', 'fuel-price', 'Harga BBM', ['create', 'read', 'update']],
  ['Kontrak', 'pjbb-customers', 'Kontrak PJBB Pelanggan', ['create', 'read', 'update', 'delete', 'review-1', 'review-2']],
  ['Kontrak', 'pjbb-partners', 'Kontrak PJBB Mitra', ['create', 'read', 'update', 'delete', 'review-1', 'review-2']],
  ['Kontrak', 'pjab-partners', 'Kontrak PJAB Mitra', ['create', 'read', 'update', 'delete', 'review-1', 'review-2']],
  ['Kontrak', 'cbf-partners', 'Kontrak Mitra CBF', ['create', 'read', 'update', 'delete', 'review-1', 'review-2']],
  ['Kontrak', 'isp-partners', 'Kontrak Mitra ISP', ['create', 'read', 'update', 'delete', 'review-1', 'review-2']],
  ['Perencanaan Pengiriman', 'shipping-order', 'Perencanaan Pengiriman', ['create', 'read', 'update', 'delete', 'review-1', 'review-2']],
  ['Operasi Pengiriman', 'shipping-operation', 'Operasi Pengiriman', ['create', 'read', 'update', 'delete', 'review-1', 'review-2', 'review-3']],
];

/** The document's `action(description_prefix, name)` values. */
const PRIVILEGE_PREFIX: Record<string, string> = {
  create: 'Akses membuat data ',
  update: 'Akses mengubah data ',
  read: 'Akses melihat data ',
  delete: 'Akses menghapus data ',
  activation: 'Akses mengaktifkan dan menonaktifkan data ',
  'review-1': 'Akses review tahap 1 data ',
  'review-2': 'Akses review tahap 2 data ',
  'review-3': 'Akses review tahap 3 data ',
};

export class CrmCatalog1732510000000 implements MigrationInterface {
  name = 'CrmCatalog1732510000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The realm row is normally made by the bootstrap, which runs after migrations.
    await queryRunner.query(
      `INSERT INTO "auth"."realms" ("name", "password_policy", "lockout_policy") VALUES ('crm', $1::jsonb, $2::jsonb) ON CONFLICT ("name") DO NOTHING`,
      [JSON.stringify(DEFAULT_PASSWORD_POLICY), JSON.stringify(DEFAULT_LOCKOUT_POLICY)],
    );
    for (const [group, name, description, privileges] of CRM_RESOURCES) {
      const [resource] = (await queryRunner.query(
        `INSERT INTO "auth"."resources" ("realm", "name", "group_name", "description") VALUES ('crm', $1, $2, $3)
         ON CONFLICT ("realm", "name") DO UPDATE SET "group_name" = EXCLUDED."group_name", "description" = EXCLUDED."description"
         RETURNING "id"`,
        [name, group, description],
      )) as Array<{ id: string }>;
      for (const privilege of privileges) {
        await queryRunner.query(
          `INSERT INTO "auth"."privileges" ("resource_id", "name", "description") VALUES ($1, $2, $3)
           ON CONFLICT ("resource_id", "name") DO UPDATE SET "description" = EXCLUDED."description"`,
          [resource?.id, privilege, `${PRIVILEGE_PREFIX[privilege]}${description}`],
        );
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "auth"."resources" WHERE "realm" = 'crm' AND "name" = ANY($1::text[])`, [CRM_RESOURCES.map(([, name]) => name)]);
  }
}
