import { Injectable, NotFoundException } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { UserRole } from '../auth/identity-provider.js';
import type { Principal } from '../auth/principal.js';
import { DomainError } from '../common/domain-error.js';
import { timeOrderedId } from '../common/time-ordered-id.js';
import { type AppConfig, InjectConfig } from '../config/config.tokens.js';
import type { Queryable } from '../database/queryable.js';
import { Transactions } from '../database/transactions.service.js';
import { normaliseUsername, usernameProblem } from './password-policy.js';
import { newSetupCode, setupCodeHash } from './setup-code.js';
import { UserSessionRepository } from './user-session.repository.js';
import { type User, UserRepository } from './user.repository.js';

export interface NewUserRequest {
  username: string;
  displayName: string;
  roles: UserRole[];
}

/** A setup code as handed to the admin: shown in this one answer, stored only as a digest. */
export interface IssuedSetupCode {
  code: string;
  expiresAt: Date;
}

/** Admin actions on console accounts; every change is audited in its own transaction. */
@Injectable()
export class UsersService {
  constructor(
    private readonly transactions: Transactions,
    private readonly users: UserRepository,
    private readonly sessions: UserSessionRepository,
    private readonly audit: AuditService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  list(): Promise<User[]> {
    return this.users.list();
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw new NotFoundException(`user ${id} does not exist`);
    return user;
  }

  async create(principal: Principal, request: NewUserRequest): Promise<{ user: User; setup: IssuedSetupCode }> {
    const username = normaliseUsername(request.username);
    const problem = usernameProblem(username);
    if (problem) throw new DomainError('invalid', `username: ${problem}`);
    const roles = [...new Set(request.roles)];
    const setup = this.issueSetupCode();
    const now = new Date();
    const id = timeOrderedId(now.getTime());
    const user = await this.transactions.run(async (transaction) => {
      const created = await this.users.insert(
        { id, username, displayName: request.displayName, roles, setupCodeHash: setupCodeHash(setup.code), setupCodeExpiresAt: setup.expiresAt, createdBy: principal.id, now },
        transaction,
      );
      if (!created) throw new DomainError('conflict', `username "${username}" is taken`);
      await this.audit.record(
        principal,
        { action: 'user.created', targetType: 'user', targetId: id, details: { username, displayName: request.displayName, roles, setupCodeExpiresAt: setup.expiresAt } },
        transaction,
      );
      return (await this.users.findById(id, transaction))!;
    });
    return { user, setup };
  }

  /** Disables the account and ends its sessions at once; disabling a disabled account changes nothing. */
  disable(principal: Principal, id: string): Promise<User> {
    return this.change(principal, id, async (user, now, transaction) => {
      if (user.disabledAt) return undefined;
      await this.users.setDisabled(id, now, now, transaction);
      const sessionsEnded = await this.sessions.deleteForUser(id, transaction);
      return { action: 'user.disabled', details: { username: user.username, sessionsEnded } };
    });
  }

  enable(principal: Principal, id: string): Promise<User> {
    return this.change(principal, id, async (user, now, transaction) => {
      if (!user.disabledAt) return undefined;
      await this.users.setDisabled(id, null, now, transaction);
      return { action: 'user.enabled', details: { username: user.username } };
    });
  }

  /** A new one-time code; the old password and every session end now (the user sets a new password with the code). */
  async reset(principal: Principal, id: string): Promise<{ user: User; setup: IssuedSetupCode }> {
    const setup = this.issueSetupCode();
    const user = await this.change(principal, id, async (before, now, transaction) => {
      await this.users.setSetupCode(id, setupCodeHash(setup.code), setup.expiresAt, true, now, transaction);
      const sessionsEnded = await this.sessions.deleteForUser(id, transaction);
      return { action: 'user.reset', details: { username: before.username, sessionsEnded, setupCodeExpiresAt: setup.expiresAt } };
    });
    return { user, setup };
  }

  private issueSetupCode(): IssuedSetupCode {
    return { code: newSetupCode(), expiresAt: new Date(Date.now() + this.config.identity.setupCodeMilliseconds) };
  }

  /** Locks the account, applies `work` and audits what it did (nothing when it returns undefined). */
  private async change(
    principal: Principal,
    id: string,
    work: (user: User, now: Date, transaction: Queryable) => Promise<{ action: string; details: Record<string, unknown> } | undefined>,
  ): Promise<User> {
    return this.transactions.run(async (transaction) => {
      const user = await this.users.findByIdForUpdate(id, transaction);
      if (!user) throw new NotFoundException(`user ${id} does not exist`);
      const done = await work(user, new Date(), transaction);
      if (!done) return user;
      await this.audit.record(principal, { action: done.action, targetType: 'user', targetId: id, details: done.details }, transaction);
      return (await this.users.findById(id, transaction))!;
    });
  }
}
