import { Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'role_privileges' })
export class RolePrivilegeEntity {
  @PrimaryColumn({ name: 'role_id', type: 'bigint' })
  roleId!: string;

  @PrimaryColumn({ name: 'privilege_id', type: 'bigint' })
  privilegeId!: string;
}
