import { Injectable, NotFoundException } from '@nestjs/common';
import type { Queryable } from '../database/queryable.js';
import { BorrowerRepository } from './borrower.repository.js';

/** Borrowers are created by the first record or consent that names them. */
@Injectable()
export class BorrowersService {
  constructor(private readonly borrowers: BorrowerRepository) {}

  idFor(ref: string, db?: Queryable): Promise<string | undefined> {
    return this.borrowers.findIdByRef(ref, db);
  }

  async requireId(ref: string, db?: Queryable): Promise<string> {
    const id = await this.idFor(ref, db);
    if (!id) throw new NotFoundException(`borrower "${ref}" is not known: no record or consent names it`);
    return id;
  }

  /** The known ones among `ids`, in no particular order. */
  findByIds(ids: readonly string[], db?: Queryable): Promise<{ id: string; ref: string }[]> {
    return this.borrowers.findByIds(ids, db);
  }

  async ensure(ref: string, db?: Queryable): Promise<string> {
    await this.borrowers.insertIfAbsent(ref, db);
    return (await this.idFor(ref, db))!;
  }
}
