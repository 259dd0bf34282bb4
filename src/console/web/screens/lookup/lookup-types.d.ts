// Shapes the borrower lookup reads from the API (type-checked with tsconfig.console.json; not served).

export interface PlanObservation { sourceKey: string; sourceRecordId: string; observedAt: string }
export interface PlanStaleFlag { id: string; type: string }

export interface PlanPhone {
  id: string; masked: string; e164?: string; extension?: string; type?: string; validity: string; score: number;
  factors?: Record<string, number>; nextAllowedAt: string | null; blockedBy?: string; lastAttempt?: { outcome: string; attemptedAt: string };
  observations?: PlanObservation[]; staleFlags?: PlanStaleFlag[];
}
export interface PlanAddress { id: string; masked: string; text?: string; pickupPoint: boolean; score: number; observations?: PlanObservation[]; staleFlags?: PlanStaleFlag[] }
export interface ThirdPartyPhone { id: string; masked: string; e164?: string; extension?: string; validity: string; score: number }
export interface ThirdParty {
  personId: string; name?: string; kind: string; relation: string; distance: number; hops: number; distanceExplanation: string;
  phones: ThirdPartyPhone[]; sources: string[]; sharedWithBorrowers: number; purpose: string; nextAllowedAt: string | null; blockedBy?: string;
}
export interface Exclusion { personId: string; name?: string; relation: string; reason: string }
export interface Informant { personId: string; relation: string }
export interface Conflict { nearInformant: Informant; farInformants: Informant[]; near: string[]; far: string[]; message: string }
export interface RepairSummary { status: string; startedAt: string; finishedAt: string | null; candidates: number; sources: string[] }

export interface ContactPlan {
  borrowerRef: string; generatedAt: string; masked: boolean; status: string; statusReason: string; guidance: string[];
  consent: { externalSources: boolean; thirdPartyContact: boolean };
  borrowerContacts: { phones: PlanPhone[]; addresses: PlanAddress[] };
  thirdParties: ThirdParty[]; excluded: Exclusion[]; conflicts: Conflict[];
  repair: RepairSummary | null;
}

export interface RepairInquiry { connector: string; source: string; outcome: string; records: number; error?: string }
export interface RepairRun {
  id: string; status: string; reason: string; startedAt: string; finishedAt: string | null; sources: string[]; inquiries: RepairInquiry[];
  candidateContactPointIds: string[]; newContactPointIds: string[];
}

export interface PointObservation { sourceKey: string; sourceRecordId: string; version: number; field: string; observedAt: string; receivedAt: string; raw?: string }
export interface PointOwner { personId: string; name?: string; borrowerRefs: string[] }
export interface ContactPoint {
  id: string; mergedFrom: string[]; kind: string; masked: string; e164?: string; extension?: string; address?: Record<string, unknown>;
  subtype?: string; carrierGroup?: string; firstSeenAt: string; lastSeenAt: string; borrowerCount: number; sourceCount: number;
  owners: PointOwner[]; observations: PointObservation[];
}

export interface RecordPhone { raw: string; contactPointId: string | null; e164?: string; extension?: string; type?: string; error?: string; field?: string }
export interface RecordAddress { raw: string; contactPointId: string | null; error?: string }
export interface RecordVersion { version: number; observedAt: string; receivedAt: string; batchId: string; contentHash?: string }
export interface RecordPayload {
  sourceRecordId?: string; observedAt?: string; borrower?: { ref?: string; name?: string; idNumber?: string };
  subject?: { role?: string; name?: string; relation?: string }; phones?: string[]; addresses?: { text?: string; kind?: string }[];
  employer?: { name?: string; phone?: string };
}
export interface SourceRecord {
  sourceKey: string; record: RecordPayload; version: number; personId: string; borrowerId: string; phones: RecordPhone[];
  addresses: RecordAddress[]; versions: RecordVersion[];
}
