import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

export interface RepairRunRecord {
  borrowerId: string;
  reason: string;
  status: 'completed';
  sources: string[];
  candidateContactPointIds: string[];
}

@Injectable()
export class RepairRunRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insertFinished(run: RepairRunRecord): Promise<string> {
    const id = randomUUID();
    await this.dataSource.query(
      `INSERT INTO repair_run (id, borrower_id, reason, status, sources, candidate_contact_point_ids, started_at, finished_at)
       VALUES ($1, $2, $3, $4, $5::text[], $6::uuid[], now(), now())`,
      [id, run.borrowerId, run.reason, run.status, run.sources, run.candidateContactPointIds],
    );
    return id;
  }
}
