import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { timeOrderedId } from '../common/time-ordered-id.js';
import { DataSource, type EntityManager } from 'typeorm';

/** Borrowers are created by the first record or consent that names them. */
@Injectable()
export class BorrowersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async idFor(ref: string, manager: EntityManager = this.dataSource.manager): Promise<string | undefined> {
    const [row] = await manager.query('SELECT id FROM borrower WHERE ref = $1', [ref]);
    return row?.id;
  }

  async requireId(ref: string, manager?: EntityManager): Promise<string> {
    const id = await this.idFor(ref, manager);
    if (!id) throw new NotFoundException(`borrower "${ref}" is not known: no record or consent names it`);
    return id;
  }

  async ensure(ref: string, manager: EntityManager = this.dataSource.manager): Promise<string> {
    await manager.query('INSERT INTO borrower (id, ref) VALUES ($1, $2) ON CONFLICT (ref) DO NOTHING', [timeOrderedId(), ref]);
    return (await this.idFor(ref, manager))!;
  }
}
