import { Injectable } from '@nestjs/common';
import { Transactions } from '../database/transactions.service.js';
import { ContactPointRepository } from './contact-point.repository.js';

/**
 * How many distinct borrowers and sources mention each contact point, and when it was first and
 * last seen. Deferred out of the ingest transaction: it reads the observations of a point, which
 * grow with sharing, and ingest then never locks a contact point row.
 */
@Injectable()
export class ContactPointSharingService {
  constructor(
    private readonly transactions: Transactions,
    private readonly contactPoints: ContactPointRepository,
  ) {}

  async refresh(contactPointIds: string[]): Promise<number> {
    if (contactPointIds.length === 0) return 0;
    return this.transactions.run(async (transaction) => {
      // Concurrent refreshes lock shared points in one order, so they never deadlock.
      await this.contactPoints.lockInKeyOrder(contactPointIds, transaction);
      return this.contactPoints.refreshSharing(contactPointIds, transaction);
    });
  }
}
