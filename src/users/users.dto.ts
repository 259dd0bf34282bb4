import { ApiProperty } from '@nestjs/swagger';
import { z } from 'zod';
import { USER_ROLES, type SessionIdentity, type UserRole } from '../auth/identity-provider.js';
import { text } from '../common/text.js';
import { MAX_PASSWORD_LENGTH } from './password-policy.js';
import type { IssuedSetupCode } from './users.service.js';
import type { User } from './user.repository.js';

export const createUserSchema = z.strictObject({
  username: text().trim().toLowerCase().min(2).max(64).meta({ example: 'zhang.wei', description: 'Lower-cased; a-z, 0-9, ".", "-", "_"' }),
  displayName: text().trim().min(1).max(100).meta({ example: '张伟' }),
  roles: z.array(z.enum(USER_ROLES)).min(1).max(USER_ROLES.length),
});
export type CreateUserDto = z.output<typeof createUserSchema>;

// The limits here only bound the work; the password policy (and its message) is applied by the service.
export const signInSchema = z.strictObject({
  username: text().min(1).max(64),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH * 4),
});
export type SignInDto = z.output<typeof signInSchema>;

export const setupSchema = z.strictObject({
  username: text().min(1).max(64),
  code: text().min(1).max(64).meta({ description: 'The one-time setup code the admin handed over (dashes and case do not matter)' }),
  password: text().min(1).max(MAX_PASSWORD_LENGTH * 4).meta({ description: 'At least 12 characters, not the username' }),
});
export type SetupDto = z.output<typeof setupSchema>;

export type UserStatus = 'pending_setup' | 'active' | 'disabled';

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: USER_ROLES, isArray: true }) roles!: UserRole[];
  @ApiProperty({ enum: ['pending_setup', 'active', 'disabled'], description: 'pending_setup: no password yet (new, or reset)' }) status!: UserStatus;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) passwordSetAt!: Date | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Until when the current setup code works' }) setupCodeExpiresAt!: Date | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) disabledAt!: Date | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty() createdBy!: string;

  static of(user: User): UserDto {
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      roles: user.roles,
      status: user.disabledAt ? 'disabled' : user.passwordHash ? 'active' : 'pending_setup',
      passwordSetAt: user.passwordSetAt,
      setupCodeExpiresAt: user.setupCodeExpiresAt,
      disabledAt: user.disabledAt,
      createdAt: user.createdAt,
      createdBy: user.createdBy,
    };
  }
}

export class SetupCodeDto {
  @ApiProperty({ description: 'Shown once: hand it to the user; stored only as a digest', example: '7KQ2M-4H9TX-B3N8C-WZ5RA-Q0D6F' }) code!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: Date;
  @ApiProperty({ description: 'Where the console takes it (the code travels in the fragment, which is never sent to a server)' }) path!: string;

  static of(username: string, setup: IssuedSetupCode): SetupCodeDto {
    const fragment = new URLSearchParams({ username, code: setup.code }).toString();
    return { code: setup.code, expiresAt: setup.expiresAt, path: `/console/setup#${fragment}` };
  }
}

export class UserWithSetupCodeDto {
  @ApiProperty({ type: UserDto }) user!: UserDto;
  @ApiProperty({ type: SetupCodeDto }) setup!: SetupCodeDto;
}

export class SessionUserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: USER_ROLES, isArray: true }) roles!: UserRole[];
}

export class SessionDto {
  @ApiProperty({ type: SessionUserDto }) user!: SessionUserDto;
  @ApiProperty({ description: 'Send as X-CSRF-Token on every POST, PUT, PATCH and DELETE made with the session cookie' }) csrfToken!: string;
  @ApiProperty({ format: 'date-time', description: 'When the session ends unless used again (idle timeout or absolute lifetime, whichever is first)' }) endsAt!: Date;

  static of(identity: SessionIdentity): SessionDto {
    return {
      user: { id: identity.userId, username: identity.username, displayName: identity.displayName, roles: identity.roles },
      csrfToken: identity.csrfToken,
      endsAt: identity.endsAt,
    };
  }
}
