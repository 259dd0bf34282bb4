import type { ConnectorRow } from './connector-reader.js';
import { HttpSourceClient } from './http-source.client.js';
import { inquiryAnswerSchema } from './http-source-contract.js';

/**
 * Asks a `per-borrower` source about one borrower: `POST {baseUrl}/inquiries` with
 * `{ borrower: { ref, name?, idNumber? }, employer?: { name }, legalBasis }` → `200 { records: [...] }`;
 * 404 means the source knows nothing of the borrower (outcome `not_found`, no records).
 *
 * The caller (the repair run) has checked that the borrower's consent in force includes
 * `externalSources`, and records each call for audit from what `ask` returns. Failures (retries spent,
 * a status that is an error, a body off the contract) throw HttpSourceError.
 */

export interface InquiryQuestion {
  borrower: { ref: string; name?: string; idNumber?: string };
  employer?: { name: string };
  /** Contract or consent reference, sent with the question and recorded with the call. */
  legalBasis: string;
}

export interface InquiryResult {
  outcome: 'answered' | 'not_found';
  records: ConnectorRow[];
  /** HTTP status of the last try (200 or 404). */
  status: number;
  tries: number;
  /** From the first try to the answer, rate-limit and retry waits included. */
  durationMilliseconds: number;
}

export class ExternalInquiryClient {
  constructor(private readonly client: HttpSourceClient) {}

  async ask(question: InquiryQuestion, signal?: AbortSignal): Promise<InquiryResult> {
    const ref = question.borrower?.ref;
    if (typeof ref !== 'string' || ref.trim() === '') throw new TypeError('borrower.ref is required');
    if (typeof question.legalBasis !== 'string' || question.legalBasis.trim() === '') throw new TypeError('legalBasis is required');
    const borrower: InquiryQuestion['borrower'] = { ref };
    if (question.borrower.name) borrower.name = question.borrower.name;
    if (question.borrower.idNumber) borrower.idNumber = question.borrower.idNumber;
    const body: InquiryQuestion = { borrower, legalBasis: question.legalBasis };
    if (question.employer?.name) body.employer = { name: question.employer.name };

    const response = await this.client.request({
      method: 'POST',
      path: '/inquiries',
      json: body,
      schema: inquiryAnswerSchema,
      acceptNotFound: true,
      signal,
    });
    const { status, tries, durationMilliseconds } = response;
    if (response.body === null) return { outcome: 'not_found', records: [], status, tries, durationMilliseconds };
    return { outcome: 'answered', records: response.body.records, status, tries, durationMilliseconds };
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
