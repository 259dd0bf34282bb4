/**
 * Synthetic, labelled contact data for the benchmarks: borrowers, their contacts, homes, employers
 * and phones, written by several sources in the varied formats real exports use. Every value is
 * invented (names are random combinations of common characters, numbers come from a counter), and
 * every mention keeps its truth label beside it:
 *  - each phone mention (source, record, field, position, part) -> the phone line it writes, or 'unusable';
 *  - each address mention (source, record, position) -> the dwelling it writes, or 'vague';
 *  - each record -> the person it is about.
 * Deterministic for a seed: the same seed and profile give the same records, byte for byte.
 */
import type { SourceRecordPayload } from '../src/records/source-record.js';
import {
  chineseNumeral,
  COMPANY_INDUSTRIES,
  COMPANY_TRADE_CHARACTERS,
  COMPOUND_SURNAMES,
  DISTRICTS,
  type District,
  ESTATE_PREFIXES,
  ESTATE_SUFFIXES,
  FEMALE_GIVEN,
  MALE_GIVEN,
  PICKUP_BRANDS,
  SURNAMES,
  toFullWidth,
  TOWER_PREFIXES,
  TOWER_SUFFIXES,
  toTraditional,
} from './geography.js';
import { Prng, WeightedTable } from './prng.js';

// ---------------------------------------------------------------------------------------------
// Public shapes
// ---------------------------------------------------------------------------------------------

export const UNUSABLE = 'unusable';
export const VAGUE = 'vague';

export interface SyntheticSource {
  key: string;
  system: 'sales' | 'approval' | 'customer_service' | 'telemarketing' | 'credit_bureau' | 'logistics';
  kind: 'internal' | 'external';
  displayName: string;
  /** prefix of this source's record ids */
  idPrefix: string;
}

export const SYNTHETIC_SOURCES: readonly SyntheticSource[] = [
  { key: 'loan-application', system: 'approval', kind: 'internal', displayName: 'Loan application (synthetic)', idPrefix: 'LA' },
  { key: 'sales-crm', system: 'sales', kind: 'internal', displayName: 'Sales CRM (synthetic)', idPrefix: 'CRM' },
  { key: 'customer-service', system: 'customer_service', kind: 'internal', displayName: 'Customer service (synthetic)', idPrefix: 'CS' },
  { key: 'telemarketing', system: 'telemarketing', kind: 'internal', displayName: 'Telemarketing (synthetic)', idPrefix: 'TM' },
  { key: 'logistics', system: 'logistics', kind: 'external', displayName: 'Logistics partner (synthetic)', idPrefix: 'LG' },
  { key: 'credit-bureau', system: 'credit_bureau', kind: 'external', displayName: 'Credit bureau (synthetic)', idPrefix: 'CB' },
];
export type SourceKey = 'loan-application' | 'sales-crm' | 'customer-service' | 'telemarketing' | 'logistics' | 'credit-bureau';

export interface PhoneTruth {
  field: 'phone' | 'employer_phone';
  position: number;
  part: number;
  /** phone line id ('P:+8613812345678', 'P:+861062345678;ext=123') or UNUSABLE */
  truth: string;
  /** how it was written ('mobile:+86 spaced', 'landline:no-area+ext:转', 'unusable:masked', 'multi:/') */
  format: string;
  raw: string;
}

export interface AddressTruth {
  position: number;
  /** dwelling id or VAGUE */
  truth: string;
  /** how it was written: 'prefix:city', 'units:dash', 'full-width', 'traditional', ... */
  tags: string[];
  raw: string;
}

export interface RecordTruth {
  /** the person the record is about ('person:17', 'org:3') */
  person: string;
  /** classes of the person mention ('class:namesake'), for the per-class scores */
  personTags: string[];
  phones: PhoneTruth[];
  addresses: AddressTruth[];
}

export interface SyntheticRecord {
  sourceKey: SourceKey;
  payload: SourceRecordPayload;
  truth: RecordTruth;
}

export interface SyntheticBorrower {
  ref: string;
  records: SyntheticRecord[];
  /** The consent the lender holds, as `PUT /v1/borrowers/{ref}/consent` records it. */
  consent: { externalSources: boolean; thirdPartyContact: boolean };
}

const EXTERNAL_SOURCES: ReadonlySet<string> = new Set(SYNTHETIC_SOURCES.filter((source) => source.kind === 'external').map((source) => source.key));

/**
 * What a lender holds: it queries a bureau or a logistics partner about a borrower only with their consent, and asks
 * for contacts only with consent to reach them. Derived from the records, never drawn: the random stream (and so
 * every record of a seed) stays what it was.
 */
export function lenderConsent(records: readonly SyntheticRecord[]): SyntheticBorrower['consent'] {
  return {
    externalSources: records.some((record) => EXTERNAL_SOURCES.has(record.sourceKey)),
    thirdPartyContact: records.some((record) => record.payload.subject.role === 'contact'),
  };
}

export interface GeneratorProfile {
  estatesPerDistrict: number;
  towersPerDistrict: number;
  /** probability that a borrower record comes from each source (loan-application is always present) */
  borrowerSources: Record<Exclude<SourceKey, 'loan-application'>, number>;
  contactsMin: number;
  contactsMax: number;
  /** weights of 1, 2, 3 ... records mentioning one contact */
  contactMentionWeights: readonly number[];
  /** a new home is a near miss of a recent one (same estate, another room/unit/building; same road, another number) */
  nearMissRate: number;
  /** a borrower names a contact another borrower already named (same mobile: one person) */
  sharedContactRate: number;
  /** an employed borrower works for a company another borrower already works for */
  sharedEmployerRate: number;
  /** an employed borrower's application lists two people of one name: a colleague and a friend, each with a mobile */
  namesakeRate: number;
}

/** The labelled quality set: many records about each entity, in many formats. */
export const QUALITY_PROFILE: GeneratorProfile = {
  estatesPerDistrict: 12,
  towersPerDistrict: 4,
  borrowerSources: { 'sales-crm': 0.6, 'customer-service': 0.5, telemarketing: 0.4, logistics: 0.5, 'credit-bureau': 0.3 },
  contactsMin: 2,
  contactsMax: 6,
  contactMentionWeights: [35, 40, 25],
  nearMissRate: 0.15,
  sharedContactRate: 0.04,
  sharedEmployerRate: 0.3,
  namesakeRate: 0.05,
};

/** Throughput: about 3 records a borrower, realistic repetition of phones and addresses. */
export const THROUGHPUT_PROFILE: GeneratorProfile = {
  estatesPerDistrict: 40,
  towersPerDistrict: 10,
  borrowerSources: { 'sales-crm': 0.25, 'customer-service': 0.15, telemarketing: 0.1, logistics: 0.1, 'credit-bureau': 0.05 },
  contactsMin: 1,
  contactsMax: 3,
  contactMentionWeights: [85, 15],
  nearMissRate: 0.1,
  sharedContactRate: 0.02,
  sharedEmployerRate: 0.3,
  namesakeRate: 0.01,
};

// ---------------------------------------------------------------------------------------------
// The synthetic world
// ---------------------------------------------------------------------------------------------

interface Estate {
  district: District;
  name: string;
  road: string;
  roadNumber: number;
  buildings: number;
  /** 0: towers without units ('5栋1203室') */
  units: number;
  floors: number;
  roomsPerFloor: number;
  pickupBrand: number;
}

interface Tower {
  district: District;
  name: string;
  road: string;
  roadNumber: number;
  floors: number;
}

type Dwelling =
  | { kind: 'estate'; id: string; district: District; estate: Estate; building: number; unit?: number; room: number }
  | { kind: 'compound'; id: string; district: District; road: string; roadNumber: number; building: number; unit?: number; room: number }
  | { kind: 'office'; id: string; district: District; tower?: Tower; road: string; roadNumber: number; room: number }
  | { kind: 'pickup'; id: string; district: District; estate: Estate };

type Line =
  | { kind: 'mobile'; id: string; digits: string }
  | { kind: 'landline'; id: string; areaCode: string; local: string; extension?: string };

type Gender = 'male' | 'female';

interface Person {
  id: string;
  name: string;
  gender: Gender;
  mobiles: Line[];
  home?: Dwelling;
  /** relation labels this source family uses for the person (fixed per contact) */
}

interface Employer {
  id: string;
  name: string;
  office: Dwelling;
  switchboard: Line & { kind: 'landline' };
  nextExtension: number;
}

type Relation = 'spouse' | 'parent' | 'sibling' | 'relative' | 'friend' | 'colleague' | 'employer';

interface Contact {
  /** person id of the truth ('person:n' or the employer's 'org:n') */
  truthId: string;
  name: string;
  gender: Gender;
  relation: Relation;
  labels: readonly string[];
  phones: Line[];
  home?: Dwelling;
  extraPhones: Line[];
  extraAddresses: Dwelling[];
  /** shares its name with another contact of the borrower, listed beside it in the application */
  namesake?: boolean;
}

type PhoneItem = { kind: 'line'; line: Line } | { kind: 'unusable'; based?: Line } | { kind: 'multi'; lines: [Line, Line] };
type AddressItem = { kind: 'dwelling'; dwelling: Dwelling; addressKind: 'home' | 'work' | 'delivery' | 'registered' | 'other' } | { kind: 'vague'; district: District; estate?: Estate };

interface RecordSpec {
  sourceKey: SourceKey;
  borrowerRef: string;
  borrowerName: string;
  subject: { role: 'borrower' | 'contact'; name?: string; relation?: string };
  truthPerson: string;
  phones: PhoneItem[];
  addresses: AddressItem[];
  employer?: { name: string; phone?: Line };
  /** One listing (an application's contact list) is written at one moment. */
  observedAt?: string;
  personTags?: string[];
}

// Allocated mobile prefixes (no IoT 140-144, no unallocated 154/179/194).
const LOCAL_DIGITS = new Map(DISTRICTS.map((district) => [district.areaCode, district.localDigits]));

const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157', '158', '159',
  '166', '173', '175', '176', '177', '178', '180', '181', '182', '183', '185', '186', '187', '188', '189', '191', '198', '199',
];

const RING = 400;

class Ring<T> {
  private readonly items: T[] = [];
  private next = 0;
  constructor(private readonly size: number) {}
  push(item: T): void {
    if (this.items.length < this.size) this.items.push(item);
    else this.items[this.next] = item;
    this.next = (this.next + 1) % this.size;
  }
  get length(): number {
    return this.items.length;
  }
  pick(rng: Prng): T {
    return rng.pick(this.items);
  }
}

/**
 * Generates borrowers one at a time; memory stays bounded (small rings of recent entities for
 * near misses and shared contacts), so it can stream millions of records.
 */
export class SyntheticContactGenerator {
  private readonly rng: Prng;
  private readonly estates = new Map<string, Estate[]>();
  private readonly towers = new Map<string, Tower[]>();
  private readonly recentDwellings = new Ring<Dwelling>(RING);
  private readonly sharedContacts = new Ring<Contact>(RING);
  private readonly employers = new Ring<Employer>(RING * 5);
  private readonly recordSequence = new Map<SourceKey, number>();
  private borrowerSequence = 0;
  private personSequence = 0;
  private employerSequence = 0;
  private mobileSequence = 0;
  private readonly landlineSequence = new Map<string, number>();
  private readonly mobileOffset: number;
  private readonly landlineOffset: number;
  private readonly sourcePrefix = new Map(SYNTHETIC_SOURCES.map((source) => [source.key as SourceKey, source.idPrefix]));
  private readonly mentionTable: WeightedTable<number>;
  /** [employed][shared contacts available] */
  private readonly contactKindTables: WeightedTable<string>[][];

  constructor(
    seed: number,
    private readonly profile: GeneratorProfile,
    private readonly refPrefix = 'SYN',
  ) {
    this.rng = new Prng(seed);
    this.mentionTable = new WeightedTable(profile.contactMentionWeights.map((weight, index) => [index, weight] as const));
    this.contactKindTables = [false, true].map((employed) =>
      [false, true].map(
        (shared) =>
          new WeightedTable<string>([
            ['father', 14],
            ['mother', 16],
            ['sibling', 16],
            ['relative', 12],
            ['friend', 20],
            ['colleague', employed ? 12 : 0],
            ['employer', employed ? 6 : 0],
            ['shared', shared ? profile.sharedContactRate * 100 : 0],
          ]),
      ),
    );
    const setup = new Prng(seed ^ 0x2545f491);
    this.mobileOffset = setup.int(100_000_000);
    this.landlineOffset = setup.int(70_000_000);
    for (const district of DISTRICTS) {
      this.estates.set(district.code, this.makeEstates(setup, district));
      this.towers.set(district.code, this.makeTowers(setup, district));
    }
  }

  // ---- world building ------------------------------------------------------------------------

  private makeEstates(rng: Prng, district: District): Estate[] {
    const names = new Set<string>();
    const numbers = rng.sample(range(1, 499), this.profile.estatesPerDistrict);
    const estates: Estate[] = [];
    while (estates.length < this.profile.estatesPerDistrict) {
      const name = rng.pick(ESTATE_PREFIXES) + rng.pick(ESTATE_SUFFIXES);
      if (names.has(name)) continue;
      names.add(name);
      const units = rng.chance(0.7) ? rng.range(2, 6) : 0;
      estates.push({
        district,
        name,
        road: rng.pick(district.roads),
        roadNumber: numbers[estates.length],
        buildings: rng.range(4, 30),
        units,
        floors: units ? rng.range(6, 18) : rng.range(18, 40),
        roomsPerFloor: rng.range(2, 4),
        pickupBrand: rng.int(PICKUP_BRANDS.length),
      });
    }
    return estates;
  }

  private makeTowers(rng: Prng, district: District): Tower[] {
    const names = new Set<string>();
    const numbers = rng.sample(range(1000, 1999), this.profile.towersPerDistrict);
    const towers: Tower[] = [];
    while (towers.length < this.profile.towersPerDistrict) {
      const name = rng.pick(TOWER_PREFIXES) + rng.pick(TOWER_SUFFIXES);
      if (names.has(name)) continue;
      names.add(name);
      towers.push({ district, name, road: rng.pick(district.roads), roadNumber: numbers[towers.length], floors: rng.range(10, 45) });
    }
    return towers;
  }

  private district(): District {
    return this.rng.pick(DISTRICTS);
  }

  private room(floors: number, roomsPerFloor: number): number {
    return this.rng.range(1, floors) * 100 + this.rng.range(1, roomsPerFloor);
  }

  private estateDwelling(estate: Estate, building: number, unit: number | undefined, room: number): Dwelling {
    const id = `home:${estate.district.code}|${estate.name}|${building}|${unit ?? '-'}|${room}`;
    return { kind: 'estate', id, district: estate.district, estate, building, unit, room };
  }

  private compoundDwelling(district: District, road: string, roadNumber: number, building: number, unit: number | undefined, room: number): Dwelling {
    const id = `home:${district.code}|${road}#${roadNumber}|${building}|${unit ?? '-'}|${room}`;
    return { kind: 'compound', id, district, road, roadNumber, building, unit, room };
  }

  private officeDwelling(district: District, tower: Tower | undefined, road: string, roadNumber: number, room: number): Dwelling {
    const id = `office:${district.code}|${tower ? tower.name : `${road}#${roadNumber}`}|${room}`;
    return { kind: 'office', id, district, tower, road, roadNumber, room };
  }

  private pickupPoint(estate: Estate): Dwelling {
    return { kind: 'pickup', id: `pickup:${estate.district.code}|${estate.name}|${PICKUP_BRANDS[estate.pickupBrand].brand}`, district: estate.district, estate };
  }

  /** A home: usually fresh, sometimes a near miss of a recent one (a different truth entity). */
  private newHome(): Dwelling {
    if (this.recentDwellings.length > 20 && this.rng.chance(this.profile.nearMissRate)) {
      const nearMiss = this.nearMiss(this.recentDwellings.pick(this.rng));
      if (nearMiss) return nearMiss;
    }
    const dwelling = this.freshHome();
    this.recentDwellings.push(dwelling);
    return dwelling;
  }

  private freshHome(): Dwelling {
    const district = this.district();
    if (this.rng.chance(0.12)) {
      const unit = this.rng.chance(0.5) ? this.rng.range(1, 4) : undefined;
      return this.compoundDwelling(district, this.rng.pick(district.roads), this.rng.range(500, 999), this.rng.range(1, 8), unit, this.room(7, 2));
    }
    const estate = this.rng.pick(this.estates.get(district.code)!);
    return this.estateDwelling(estate, this.rng.range(1, estate.buildings), estate.units ? this.rng.range(1, estate.units) : undefined, this.room(estate.floors, estate.roomsPerFloor));
  }

  private nearMiss(base: Dwelling): Dwelling | undefined {
    const bump = (value: number, max: number) => (value < max ? value + 1 : value - 1);
    if (base.kind === 'estate') {
      const { estate } = base;
      const what = this.rng.pick(estate.units ? ['room', 'room', 'unit', 'building'] : ['room', 'room', 'building']);
      const roomBump = () => (this.rng.chance(0.5) ? base.room + (base.room % 100 < estate.roomsPerFloor ? 1 : -1) : base.room + (Math.floor(base.room / 100) < estate.floors ? 100 : -100));
      const building = what === 'building' ? bump(base.building, estate.buildings) : base.building;
      const unit = what === 'unit' && base.unit !== undefined ? bump(base.unit, estate.units) : base.unit;
      const room = what === 'room' ? roomBump() : base.room;
      const dwelling = this.estateDwelling(estate, building, unit, room);
      return dwelling.id === base.id ? undefined : dwelling;
    }
    if (base.kind === 'compound') {
      // Same road, another house number, same building/unit/room.
      const dwelling = this.compoundDwelling(base.district, base.road, base.roadNumber < 998 ? base.roadNumber + 2 : base.roadNumber - 2, base.building, base.unit, base.room);
      return dwelling;
    }
    return undefined;
  }

  private mobile(): Line {
    const index = this.mobileSequence++;
    // The last 8 digits are a bijection of the counter (the multiplier is prime to 10^8), so numbers
    // are unique without remembering them; the prefix only spreads them over the operators.
    const suffix = (index * 40_503 + this.mobileOffset) % 100_000_000;
    const prefix = MOBILE_PREFIXES[(Math.imul(index ^ (index >>> 7), 0x9e3779b1) >>> 0) % MOBILE_PREFIXES.length];
    const digits = prefix + String(suffix).padStart(8, '0');
    return { kind: 'mobile', id: `P:+86${digits}`, digits };
  }

  private landline(areaCode: string, extension?: string): Line & { kind: 'landline' } {
    const index = this.landlineSequence.get(areaCode) ?? 0;
    this.landlineSequence.set(areaCode, index + 1);
    // 8-digit local numbers starting 2-8, a bijection of [0, 7*10^7) (48271 is prime to it); 7 digits where the city has them.
    const offset = this.landlineOffset + Number(areaCode) * 1_000_003;
    const span = LOCAL_DIGITS.get(areaCode) === 7 ? 7_000_000 : 70_000_000;
    const local = String(span / 3.5 + ((index * 48_271 + offset) % span));
    return withExtension({ kind: 'landline', id: '', areaCode, local }, extension);
  }

  private personName(gender: Gender): string {
    const surname = this.rng.chance(0.03) ? this.rng.pick(COMPOUND_SURNAMES) : this.rng.pick(SURNAMES);
    const pool = gender === 'male' ? MALE_GIVEN : FEMALE_GIVEN;
    const given = this.rng.chance(0.7) ? this.rng.pick(pool) + this.rng.pick(pool) : this.rng.pick(pool);
    return surname + given;
  }

  private newPerson(gender: Gender, taken: Set<string>): Person {
    let name = this.personName(gender);
    while (taken.has(name)) name = this.personName(gender);
    taken.add(name);
    this.personSequence += 1;
    return { id: `person:${this.personSequence}`, name, gender, mobiles: [this.mobile()] };
  }

  private employer(): Employer {
    if (this.employers.length > 10 && this.rng.chance(this.profile.sharedEmployerRate)) return this.employers.pick(this.rng);
    const district = this.district();
    const tower = this.rng.chance(0.75) ? this.rng.pick(this.towers.get(district.code)!) : undefined;
    const road = tower ? tower.road : this.rng.pick(district.roads);
    const roadNumber = tower ? tower.roadNumber : this.rng.range(2000, 2999);
    const floor = this.rng.range(2, tower ? tower.floors : 20);
    const office = this.officeDwelling(district, tower, road, roadNumber, floor * 100 + this.rng.range(1, 12));
    const trade = this.rng.pick(COMPANY_TRADE_CHARACTERS) + this.rng.pick(COMPANY_TRADE_CHARACTERS);
    const city = district.cityShort ?? district.provinceShort;
    this.employerSequence += 1;
    const employer: Employer = {
      id: `org:${this.employerSequence}`,
      name: `${city}${trade}${this.rng.pick(COMPANY_INDUSTRIES)}有限公司`,
      office,
      switchboard: this.landline(district.areaCode),
      nextExtension: this.rng.range(100, 800),
    };
    this.employers.push(employer);
    return employer;
  }

  // ---- borrowers -----------------------------------------------------------------------------

  nextBorrower(): SyntheticBorrower {
    const rng = this.rng;
    this.borrowerSequence += 1;
    const ref = `${this.refPrefix}-B${String(this.borrowerSequence).padStart(7, '0')}`;
    const taken = new Set<string>();
    const self = this.newPerson(rng.chance(0.55) ? 'male' : 'female', taken);
    if (rng.chance(0.3)) self.mobiles.push(this.mobile());
    self.home = this.newHome();
    const homeLandline = rng.chance(0.25) ? this.landline(self.home.district.areaCode) : undefined;
    const employer = rng.chance(0.6) ? this.employer() : undefined;
    const workPhone = employer && rng.chance(0.4) ? withExtension({ ...employer.switchboard }, String(employer.nextExtension++)) : undefined;
    const pickup = rng.chance(0.25) ? this.pickupNear(self.home) : undefined;

    const contacts = this.contactsFor(self, homeLandline, employer, taken);
    const specs: RecordSpec[] = [];
    const base = { borrowerRef: ref, borrowerName: self.name };

    // The borrower, as each source holds them.
    const laPhones: PhoneItem[] = [line(self.mobiles[0])];
    if (self.mobiles[1] && rng.chance(0.6)) laPhones.push(line(self.mobiles[1]));
    if (homeLandline && rng.chance(0.6)) laPhones.push(line(homeLandline));
    if (workPhone && rng.chance(0.6)) laPhones.push(line(workPhone));
    const laAddresses: AddressItem[] = [dwelling(self.home, 'home')];
    if (employer) laAddresses.push(dwelling(employer.office, 'work'));
    specs.push({
      ...base,
      sourceKey: 'loan-application',
      subject: { role: 'borrower', name: this.nameVariant(self.name, self.gender) },
      truthPerson: self.id,
      phones: laPhones,
      addresses: laAddresses,
      employer: employer ? { name: employer.name, phone: rng.chance(0.7) ? employer.switchboard : undefined } : undefined,
    });
    const rates = this.profile.borrowerSources;
    const anyMobile = () => rng.pick(self.mobiles);
    if (rng.chance(rates['sales-crm'])) {
      const phones: PhoneItem[] = [line(self.mobiles[0])];
      if (rng.chance(0.1)) phones.push({ kind: 'unusable' });
      const addresses: AddressItem[] = rng.chance(0.6) ? [dwelling(self.home, 'home')] : [];
      if (rng.chance(0.05)) addresses.push(this.vague(self.home));
      specs.push({ ...base, sourceKey: 'sales-crm', subject: { role: 'borrower', name: rng.chance(0.8) ? this.nameVariant(self.name, self.gender) : undefined }, truthPerson: self.id, phones, addresses });
    }
    if (rng.chance(rates['customer-service'])) {
      const phones: PhoneItem[] = [];
      const second = self.mobiles[1] ?? homeLandline;
      if (second && rng.chance(0.25)) phones.push({ kind: 'multi', lines: [self.mobiles[0], second] });
      else phones.push(line(anyMobile()));
      if (rng.chance(0.2)) phones.push({ kind: 'unusable', based: self.mobiles[0] });
      const addresses: AddressItem[] = rng.chance(0.3) ? [dwelling(self.home, 'home')] : [];
      specs.push({ ...base, sourceKey: 'customer-service', subject: { role: 'borrower' }, truthPerson: self.id, phones, addresses });
    }
    if (rng.chance(rates.telemarketing)) {
      const phones: PhoneItem[] = [line(anyMobile())];
      if (rng.chance(0.3)) phones.push({ kind: 'unusable' });
      specs.push({ ...base, sourceKey: 'telemarketing', subject: { role: 'borrower', name: this.nameVariant(self.name, self.gender) }, truthPerson: self.id, phones, addresses: [] });
    }
    if (rng.chance(rates.logistics)) {
      const target = rng.weighted<Dwelling>([
        [self.home, 45],
        ...(pickup ? ([[pickup, 35]] as const) : []),
        ...(employer ? ([[employer.office, 20]] as const) : []),
      ]);
      specs.push({ ...base, sourceKey: 'logistics', subject: { role: 'borrower', name: this.nameVariant(self.name, self.gender) }, truthPerson: self.id, phones: [line(self.mobiles[0])], addresses: [dwelling(target, 'delivery')] });
    }
    if (rng.chance(rates['credit-bureau'])) {
      const phones: PhoneItem[] = [line(self.mobiles[0])];
      if (homeLandline) phones.push(line(homeLandline));
      const addresses: AddressItem[] = [rng.chance(0.85) ? dwelling(self.home, 'registered') : this.vague(self.home)];
      specs.push({ ...base, sourceKey: 'credit-bureau', subject: { role: 'borrower', name: self.name }, truthPerson: self.id, phones, addresses });
    }

    // The contacts, each named by one or more sources. Namesakes are both in the application, written at one moment.
    const applied = observedAt(rng);
    for (const contact of contacts) {
      const mentions = 1 + this.mentionTable.pick(rng);
      const sources = mentions === 1 ? [rng.pick(CONTACT_SOURCES)] : rng.sample(CONTACT_SOURCES, mentions);
      if (contact.namesake && !sources.includes('loan-application')) sources[0] = 'loan-application';
      for (const sourceKey of sources) {
        const spec = this.contactRecord(base, sourceKey, contact);
        if (contact.labels === COLLEAGUE_AND_FRIEND_LABELS) spec.personTags = ['class:two-relations'];
        if (contact.namesake) {
          spec.personTags = ['class:namesake'];
          if (sourceKey === 'loan-application') {
            // The application lists each with a relation and a mobile: that is what tells them apart.
            spec.observedAt = applied;
            spec.phones = [line(contact.phones[0])];
            spec.subject.relation = contact.labels[0];
          }
        }
        specs.push(spec);
      }
    }
    const records = specs.map((spec) => this.render(spec));
    return { ref, records, consent: lenderConsent(records) };
  }

  private pickupNear(home: Dwelling): Dwelling {
    const estate = home.kind === 'estate' ? home.estate : this.rng.pick(this.estates.get(home.district.code)!);
    return this.pickupPoint(estate);
  }

  private vague(near: Dwelling): AddressItem {
    return { kind: 'vague', district: near.district, estate: near.kind === 'estate' || near.kind === 'pickup' ? near.estate : undefined };
  }

  private contactsFor(self: Person, homeLandline: Line | undefined, employer: Employer | undefined, taken: Set<string>): Contact[] {
    const rng = this.rng;
    const count = rng.range(this.profile.contactsMin, this.profile.contactsMax);
    const contacts: Contact[] = [];
    const opposite: Gender = self.gender === 'male' ? 'female' : 'male';
    let parentsHome: Dwelling | undefined;
    let parentsLandline: Line | undefined;
    const used = new Set<string>();
    const person = (gender: Gender, relation: Relation, labels: readonly string[], home?: Dwelling): Contact => {
      const p = this.newPerson(gender, taken);
      if (rng.chance(0.1)) p.mobiles.push(this.mobile());
      return { truthId: p.id, name: p.name, gender, relation, labels, phones: p.mobiles, home, extraPhones: [], extraAddresses: [] };
    };
    if (rng.chance(0.6)) {
      const spouse = person(opposite, 'spouse', SPOUSE_LABELS[opposite], self.home);
      if (homeLandline && rng.chance(0.4)) spouse.extraPhones.push(homeLandline);
      contacts.push(spouse);
    }
    let guard = 0;
    while (contacts.length < count && guard++ < 50) {
      const kind = this.contactKindTables[employer ? 1 : 0][this.sharedContacts.length > 20 && this.profile.sharedContactRate > 0 ? 1 : 0].pick(rng);
      if ((kind === 'father' || kind === 'mother' || kind === 'employer') && used.has(kind)) continue;
      used.add(kind);
      if (kind === 'father' || kind === 'mother') {
        if (!parentsHome && rng.chance(0.7)) parentsHome = this.newHome();
        if (parentsHome && !parentsLandline && rng.chance(0.3)) parentsLandline = this.landline(parentsHome.district.areaCode);
        const gender: Gender = kind === 'father' ? 'male' : 'female';
        const parent = person(gender, 'parent', PARENT_LABELS[gender], parentsHome);
        if (parentsLandline) parent.extraPhones.push(parentsLandline);
        contacts.push(parent);
      } else if (kind === 'sibling' || kind === 'relative') {
        const gender: Gender = rng.chance(0.5) ? 'male' : 'female';
        const pools = kind === 'sibling' ? SIBLING_LABELS[gender] : COUSIN_LABELS[gender];
        contacts.push(person(gender, kind, rng.pick(pools), rng.chance(0.4) ? this.newHome() : undefined));
      } else if (kind === 'friend') {
        const friend = person(rng.chance(0.5) ? 'male' : 'female', 'friend', FRIEND_LABELS, rng.chance(0.3) ? this.newHome() : undefined);
        contacts.push(friend);
        this.sharedContacts.push(friend);
      } else if (kind === 'colleague') {
        // Some colleagues are friends too, and sources label them either way: one person under two relations.
        const colleague = person(rng.chance(0.5) ? 'male' : 'female', 'colleague', rng.chance(COLLEAGUE_AND_FRIEND_RATE) ? COLLEAGUE_AND_FRIEND_LABELS : COLLEAGUE_LABELS);
        if (rng.chance(0.25)) colleague.extraAddresses.push(employer!.office);
        contacts.push(colleague);
        this.sharedContacts.push(colleague);
      } else if (kind === 'employer') {
        contacts.push({ truthId: employer!.id, name: employer!.name, gender: 'male', relation: 'employer', labels: EMPLOYER_LABELS, phones: [employer!.switchboard], extraPhones: [], extraAddresses: [employer!.office] });
      } else {
        // A contact another borrower already named: same person, same mobile.
        const shared = this.sharedContacts.pick(this.rng);
        if (taken.has(shared.name)) continue;
        taken.add(shared.name);
        contacts.push({ ...shared, relation: shared.relation, labels: shared.labels, extraAddresses: [] });
      }
    }
    if (employer && rng.chance(this.profile.namesakeRate)) contacts.push(...this.namesakes(taken));
    return contacts;
  }

  /** Two different people of one name, a colleague and a friend, each with their own mobile (always written). */
  private namesakes(taken: Set<string>): Contact[] {
    const gender: Gender = this.rng.chance(0.5) ? 'male' : 'female';
    const colleague = this.newPerson(gender, taken);
    this.personSequence += 1;
    const friend: Person = { id: `person:${this.personSequence}`, name: colleague.name, gender, mobiles: [this.mobile()] };
    const contact = (person: Person, relation: Relation, labels: readonly string[]): Contact => ({
      truthId: person.id,
      name: person.name,
      gender,
      relation,
      labels,
      phones: person.mobiles,
      extraPhones: [],
      extraAddresses: [],
      namesake: true,
    });
    return [contact(colleague, 'colleague', ['同事']), contact(friend, 'friend', ['朋友'])];
  }

  private contactRecord(base: { borrowerRef: string; borrowerName: string }, sourceKey: SourceKey, contact: Contact): RecordSpec {
    const rng = this.rng;
    const phones: PhoneItem[] = [];
    const roll = rng.next();
    if (roll < 0.86) phones.push(line(contact.phones[0]));
    else if (roll < 0.91) phones.push({ kind: 'unusable', based: contact.phones[0] });
    else if (roll < 0.95 && contact.phones[1]) phones.push({ kind: 'multi', lines: [contact.phones[0], contact.phones[1]] });
    else if (roll < 0.95) phones.push(line(contact.phones[0]));
    // else: no phone at all, the record names the person only
    if (contact.phones[1] && rng.chance(0.3)) phones.push(line(contact.phones[1]));
    for (const extra of contact.extraPhones) if (rng.chance(0.4)) phones.push(line(extra));
    const addresses: AddressItem[] = [];
    if (contact.home && rng.chance(contact.relation === 'spouse' ? 0.5 : 0.35)) addresses.push(dwelling(contact.home, 'home'));
    for (const extra of contact.extraAddresses) if (rng.chance(0.5)) addresses.push(dwelling(extra, 'work'));
    const vagueLabel = rng.chance(0.05);
    const relation = vagueLabel ? rng.pick(['联系人', '其他', '紧急联系人', '']) : rng.pick(contact.labels);
    const name = contact.relation === 'employer' ? contact.name : this.nameVariant(contact.name, contact.gender);
    return {
      ...base,
      sourceKey,
      subject: { role: 'contact', name, relation: relation === '' ? undefined : relation },
      truthPerson: contact.truthId,
      phones,
      addresses,
    };
  }

  private nameVariant(name: string, gender: Gender): string {
    const rng = this.rng;
    const variant = NAME_VARIANTS.pick(rng);
    if (variant === 'exact') return name;
    const surnameLength = COMPOUND_SURNAMES.some((surname) => name.startsWith(surname)) ? 2 : 1;
    switch (variant) {
      case 'traditional':
        return toTraditional(name);
      case 'spaced':
        return `${name.slice(0, surnameLength)} ${name.slice(surnameLength)}`;
      case 'ideographic-space':
        return `${name.slice(0, surnameLength)}\u3000${name.slice(surnameLength)}`;
      case 'title':
        return name + (gender === 'male' ? '先生' : '女士');
      case 'annotated':
        return `${name}(${rng.pick(['常用', '主', '已核实'])})`;
      case 'padded':
        return ` ${name} `;
      default:
        return name;
    }
  }

  // ---- rendering -----------------------------------------------------------------------------

  private render(spec: RecordSpec): SyntheticRecord {
    const rng = this.rng;
    const sequence = (this.recordSequence.get(spec.sourceKey) ?? 0) + 1;
    this.recordSequence.set(spec.sourceKey, sequence);
    const sourceRecordId = `${this.sourcePrefix.get(spec.sourceKey)}-${this.refPrefix}-${String(sequence).padStart(8, '0')}`;

    const addressTruths: AddressTruth[] = [];
    let contextAreaCode: string | undefined;
    spec.addresses.forEach((item, position) => {
      const rendered = item.kind === 'dwelling' ? renderDwelling(rng, item.dwelling) : renderVague(rng, item.district, item.estate);
      addressTruths.push({ position, truth: item.kind === 'dwelling' ? item.dwelling.id : VAGUE, tags: rendered.tags, raw: rendered.text });
      // A landline without its area code is only written when the record's first address names the city.
      if (position === 0 && rendered.namesCity) contextAreaCode = (item.kind === 'dwelling' ? item.dwelling.district : item.district).areaCode;
    });

    const phoneTruths: PhoneTruth[] = [];
    const phones: string[] = [];
    spec.phones.forEach((item, position) => {
      if (item.kind === 'line') {
        const rendered = renderLine(rng, item.line, contextAreaCode);
        phones.push(rendered.text);
        phoneTruths.push({ field: 'phone', position, part: 0, truth: item.line.id, format: rendered.format, raw: rendered.text });
      } else if (item.kind === 'unusable') {
        const rendered = renderUnusable(rng, item.based);
        phones.push(rendered.text);
        phoneTruths.push({ field: 'phone', position, part: 0, truth: UNUSABLE, format: rendered.format, raw: rendered.text });
      } else {
        const separator = rng.pick(['/', '，', '、', ' / ', ';', ',', ' ']);
        const parts = item.lines.map((part) => renderSimpleLine(rng, part));
        const text = parts.join(separator);
        phones.push(text);
        item.lines.forEach((part, index) => phoneTruths.push({ field: 'phone', position, part: index, truth: part.id, format: `multi:'${separator}'`, raw: text }));
      }
    });

    let employer: SourceRecordPayload['employer'];
    if (spec.employer) {
      employer = { name: spec.employer.name };
      if (spec.employer.phone) {
        const rendered = renderLine(rng, spec.employer.phone, contextAreaCode);
        employer.phone = rendered.text;
        phoneTruths.push({ field: 'employer_phone', position: 0, part: 0, truth: spec.employer.phone.id, format: rendered.format, raw: rendered.text });
      }
    }

    const subject: SourceRecordPayload['subject'] = { role: spec.subject.role };
    if (spec.subject.name !== undefined) subject.name = spec.subject.name;
    if (spec.subject.relation !== undefined) subject.relation = spec.subject.relation;
    const payload: SourceRecordPayload = {
      sourceRecordId,
      observedAt: spec.observedAt ?? observedAt(rng),
      borrower: { ref: spec.borrowerRef, name: spec.borrowerName },
      subject,
      phones,
      addresses: spec.addresses.map((item, position) => ({
        text: addressTruths[position].raw,
        kind: item.kind === 'dwelling' ? item.addressKind : 'other',
      })),
    };
    if (employer) payload.employer = employer;
    return { sourceKey: spec.sourceKey, payload, truth: { person: spec.truthPerson, personTags: spec.personTags ?? [], phones: phoneTruths, addresses: addressTruths } };
  }
}

// ---------------------------------------------------------------------------------------------
// Labels
// ---------------------------------------------------------------------------------------------

const SPOUSE_LABELS: Record<Gender, readonly string[]> = {
  male: ['老公', '丈夫', '配偶', 'husband', '爱人', 'Spouse'],
  female: ['老婆', '妻子', '配偶', 'wife', '爱人', '媳妇'],
};
const PARENT_LABELS: Record<Gender, readonly string[]> = {
  male: ['父亲', '爸爸', '父', 'father', '老爸'],
  female: ['母亲', '妈妈', '母', 'mother', '老妈'],
};
const SIBLING_LABELS: Record<Gender, readonly (readonly string[])[]> = {
  male: [
    ['哥哥', '兄弟', 'brother', '哥'],
    ['弟弟', '兄弟', 'brother', '弟'],
  ],
  female: [
    ['姐姐', '姐妹', 'sister', '姐'],
    ['妹妹', '姐妹', 'sister', '妹'],
  ],
};
const COUSIN_LABELS: Record<Gender, readonly (readonly string[])[]> = {
  male: [
    ['表哥', '表兄', 'cousin', '亲戚'],
    ['堂弟', '堂兄弟', 'cousin', '亲戚'],
  ],
  female: [
    ['表姐', '表姐妹', 'cousin', '亲戚'],
    ['堂妹', '堂姐妹', 'cousin', '亲戚'],
  ],
};
const FRIEND_LABELS = ['朋友', '好友', 'friend', 'Friend'];
const CONTACT_SOURCES: readonly SourceKey[] = ['loan-application', 'sales-crm', 'customer-service', 'telemarketing'];
const NAME_VARIANTS = new WeightedTable<string>([
  ['exact', 62],
  ['traditional', 12],
  ['spaced', 8],
  ['ideographic-space', 4],
  ['title', 6],
  ['annotated', 4],
  ['padded', 4],
]);
const COLLEAGUE_LABELS = ['同事', 'colleague', '同事'];
const COLLEAGUE_AND_FRIEND_LABELS = ['同事', '朋友', '同事', '好友'];
const COLLEAGUE_AND_FRIEND_RATE = 0.15;
const EMPLOYER_LABELS = ['单位', '公司', '工作单位', 'employer'];

// ---------------------------------------------------------------------------------------------
// Rendering helpers
// ---------------------------------------------------------------------------------------------

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}

function line(value: Line): PhoneItem {
  return { kind: 'line', line: value };
}

function dwelling(value: Dwelling, addressKind: 'home' | 'work' | 'delivery' | 'registered' | 'other'): AddressItem {
  return { kind: 'dwelling', dwelling: value, addressKind };
}

function withExtension(landline: Line & { kind: 'landline' }, extension: string | undefined): Line & { kind: 'landline' } {
  const base = `P:+86${landline.areaCode}${landline.local}`;
  return { ...landline, extension, id: extension ? `${base};ext=${extension}` : base };
}

const START = Date.UTC(2024, 0, 1);
const END = Date.UTC(2026, 9, 31);

function observedAt(rng: Prng): string {
  const instant = START + Math.floor(rng.next() * (END - START));
  const local = new Date(instant + 8 * 3_600_000).toISOString().slice(0, 19);
  return `${local}+08:00`;
}

function split344(digits: string, separator: string): string {
  return `${digits.slice(0, 3)}${separator}${digits.slice(3, 7)}${separator}${digits.slice(7)}`;
}

const MOBILE_FORMATS: readonly (readonly [string, number, (m: string) => string])[] = [
  ['plain', 30, (m) => m],
  ['spaced 3-4-4', 8, (m) => split344(m, ' ')],
  ['dashed 3-4-4', 8, (m) => split344(m, '-')],
  ['+86 spaced', 6, (m) => `+86 ${split344(m, ' ')}`],
  ['+86', 6, (m) => `+86${m}`],
  ['0086 ', 4, (m) => `0086 ${m}`],
  ['86-', 4, (m) => `86-${m}`],
  ['(+86)dashed', 4, (m) => `(+86)${split344(m, '-')}`],
  ['full-width', 5, (m) => toFullWidth(m)],
  ['full-width dashed', 2, (m) => toFullWidth(split344(m, '-'), true)],
  ['手机:', 3, (m) => `手机:${m}`],
  ['手机：', 3, (m) => `手机：${m}`],
  ['(本人)', 4, (m) => `${m}(本人)`],
  ['tel:+86-', 3, (m) => `tel:+86-${m}`],
  ['+86-dashed', 2, (m) => `+86-${split344(m, '-')}`],
];

type LandlineBase = 'area-dash' | '(area)' | 'area-concat' | '+86 spaced' | 'area-space' | 'full-width' | 'no-area' | '电话:' | '+86-area';
const LANDLINE_FORMATS: readonly (readonly [LandlineBase, number])[] = [
  ['area-dash', 28],
  ['(area)', 12],
  ['area-concat', 12],
  ['+86 spaced', 8],
  ['area-space', 8],
  ['full-width', 5],
  ['no-area', 14],
  ['电话:', 5],
  ['+86-area', 4],
];

function landlineBase(format: LandlineBase, areaCode: string, local: string): string {
  switch (format) {
    case 'area-dash':
      return `0${areaCode}-${local}`;
    case '(area)':
      return `(0${areaCode})${local}`;
    case 'area-concat':
      return `0${areaCode}${local}`;
    case '+86 spaced':
      return `+86 ${areaCode} ${local.slice(0, 4)} ${local.slice(4)}`;
    case 'area-space':
      return `0${areaCode} ${local}`;
    case 'full-width':
      return toFullWidth(`0${areaCode}-${local}`, true);
    case 'no-area':
      return local;
    case '电话:':
      return `电话:0${areaCode}-${local}`;
    case '+86-area':
      return `+86-${areaCode}-${local}`;
  }
}

const EXTENSION_FORMATS: readonly (readonly [string, number, (base: string, extension: string) => string])[] = [
  ['转', 35, (base, extension) => `${base}转${extension}`],
  ['分机', 20, (base, extension) => `${base}分机${extension}`],
  ['-', 20, (base, extension) => `${base}-${extension}`],
  [' ext ', 15, (base, extension) => `${base} ext ${extension}`],
  [' 转 ', 10, (base, extension) => `${base} 转 ${extension}`],
];

const MOBILE_FORMAT_TABLE = new WeightedTable(MOBILE_FORMATS.map((entry) => [entry, entry[1]] as const));
const LANDLINE_TABLE_WITH_CONTEXT = new WeightedTable(LANDLINE_FORMATS);
const LANDLINE_TABLE = new WeightedTable(LANDLINE_FORMATS.filter(([format]) => format !== 'no-area'));
const EXTENSION_TABLE = new WeightedTable(EXTENSION_FORMATS.map((entry) => [entry, entry[1]] as const));
const UNUSABLE_TABLE = new WeightedTable<string>([
  ['masked', 40],
  ['masked-tail', 8],
  ['无', 14],
  ['不详', 12],
  ['暂无', 6],
  ['too-short', 14],
  ['none-dash', 6],
]);

function renderLine(rng: Prng, value: Line, contextAreaCode: string | undefined): { text: string; format: string } {
  if (value.kind === 'mobile') {
    const [format, , write] = MOBILE_FORMAT_TABLE.pick(rng);
    return { text: write(value.digits), format: `mobile:${format}` };
  }
  let format = (contextAreaCode === value.areaCode ? LANDLINE_TABLE_WITH_CONTEXT : LANDLINE_TABLE).pick(rng);
  // '+86 10 6234 5678 转 123' reads oddly but exists; '电话:' and full-width keep their own shape.
  let text = landlineBase(format, value.areaCode, value.local);
  let tag = `landline:${format}`;
  if (value.extension) {
    if (format === 'full-width' || format === '电话:') {
      format = 'area-dash';
      text = landlineBase(format, value.areaCode, value.local);
    }
    const [extensionFormat, , write] = EXTENSION_TABLE.pick(rng);
    text = write(text, value.extension);
    tag = `landline:${format}+ext:${extensionFormat.trim() || extensionFormat}`;
  }
  return { text, format: tag };
}

/** Plain forms for fields holding two numbers. */
function renderSimpleLine(rng: Prng, value: Line): string {
  if (value.kind === 'mobile') return rng.chance(0.7) ? value.digits : split344(value.digits, '-');
  const base = `0${value.areaCode}-${value.local}`;
  return value.extension ? `${base}转${value.extension}` : base;
}

function renderUnusable(rng: Prng, based: Line | undefined): { text: string; format: string } {
  const digits = based?.kind === 'mobile' ? based.digits : `13${rng.range(0, 9)}${String(rng.int(100_000_000)).padStart(8, '0')}`;
  const kind = UNUSABLE_TABLE.pick(rng);
  switch (kind) {
    case 'masked':
      return { text: `${digits.slice(0, 3)}****${digits.slice(7)}`, format: 'unusable:masked' };
    case 'masked-tail':
      return { text: `${digits.slice(0, 7)}****`, format: 'unusable:masked-tail' };
    case 'too-short':
      return { text: digits.slice(0, rng.range(5, 8)), format: 'unusable:too-short' };
    case 'none-dash':
      return { text: '-', format: 'unusable:dash' };
    default:
      return { text: kind, format: `unusable:${kind}` };
  }
}

type PrefixStyle = 'full' | 'province-short' | 'city' | 'city-short' | 'district' | 'city-merged';

/** [municipality][district alone allowed] */
const PREFIX_TABLES = [false, true].map((municipality) =>
  [false, true].map((districtOnly) =>
    municipality
      ? new WeightedTable<PrefixStyle>([
          ['full', 50],
          ['province-short', 25],
          ['district', districtOnly ? 15 : 0],
        ])
      : new WeightedTable<PrefixStyle>([
          ['full', 30],
          ['province-short', 15],
          ['city', 30],
          ['city-short', 10],
          ['district', districtOnly ? 10 : 0],
        ]),
  ),
);

/** 枣庄市 + 市中区 written "枣庄市中区", the shared 市 once, as people write it. */
const CITY_MERGED_TABLE = new WeightedTable<string>([
  ['province', 35],
  ['province-short', 35],
  ['none', 30],
]);
const CITY_MERGED_RATE = 0.5;

function sharesCitySuffix(district: District): boolean {
  return district.city !== undefined && district.city.endsWith('市') && district.name.startsWith('市');
}

/** A district written alone only when no other district in China has its name. */
function prefixParts(rng: Prng, district: District, allowDistrictOnly = true): { parts: string[]; style: PrefixStyle } {
  if (sharesCitySuffix(district) && rng.chance(CITY_MERGED_RATE)) {
    const merged = district.city! + district.name.slice(1);
    const lead = CITY_MERGED_TABLE.pick(rng);
    return { parts: lead === 'province' ? [district.province, merged] : lead === 'province-short' ? [district.provinceShort, merged] : [merged], style: 'city-merged' };
  }
  const style = PREFIX_TABLES[district.municipality ? 1 : 0][allowDistrictOnly && district.uniqueName ? 1 : 0].pick(rng);
  switch (style) {
    case 'full':
      return { parts: district.municipality ? [district.province, district.name] : [district.province, district.city!, district.name], style };
    case 'province-short':
      return { parts: district.municipality ? [district.provinceShort, district.name] : [district.provinceShort, district.cityShort!, district.name], style };
    case 'city':
      return { parts: [district.city!, district.name], style };
    case 'city-short':
      return { parts: [district.cityShort!, district.name], style };
    case 'district':
      return { parts: [district.name], style };
    default:
      throw new Error(`prefix style ${style} is not drawn from the tables`);
  }
}

/** [small numbers: Chinese numerals possible][Beijing: 2门 for 2单元] */
const UNIT_TABLES = [false, true].map((small) =>
  [false, true].map(
    (beijing) =>
      new WeightedTable<string>([
        ['栋单元室', 30],
        ['号楼单元', 20],
        ['dash', 20],
        ['幢单元房', 12],
        ['栋单元', 8],
        ['chinese-numerals', small ? 5 : 0],
        ['号楼门', beijing ? 10 : 0],
      ]),
  ),
);
const NO_UNIT_TABLE = new WeightedTable<string>([
  ['栋室', 30],
  ['号楼', 20],
  ['dash', 20],
  ['幢房', 15],
  ['座', 15],
]);

function buildingUnitRoom(rng: Prng, district: District, building: number, unit: number | undefined, room: number): { text: string; tag: string } {
  if (unit !== undefined) {
    const style = UNIT_TABLES[building <= 10 && unit <= 10 ? 1 : 0][district.province === '北京市' ? 1 : 0].pick(rng);
    switch (style) {
      case '栋单元室':
        return { text: `${building}栋${unit}单元${room}室`, tag: style };
      case '号楼单元':
        return { text: `${building}号楼${unit}单元${room}`, tag: style };
      case 'dash':
        return { text: `${building}-${unit}-${room}`, tag: style };
      case '幢单元房':
        return { text: `${building}幢${unit}单元${room}房`, tag: style };
      case '栋单元':
        return { text: `${building}栋${unit}单元${room}`, tag: style };
      case 'chinese-numerals':
        return { text: `${chineseNumeral(building)}栋${chineseNumeral(unit)}单元${room}室`, tag: style };
      default:
        return { text: `${building}号楼${unit}门${room}`, tag: style };
    }
  }
  const style = NO_UNIT_TABLE.pick(rng);
  switch (style) {
    case '栋室':
      return { text: `${building}栋${room}室`, tag: `no-unit:${style}` };
    case '号楼':
      return { text: `${building}号楼${room}`, tag: `no-unit:${style}` };
    case 'dash':
      return { text: `${building}-${room}`, tag: `no-unit:${style}` };
    case '幢房':
      return { text: `${building}幢${room}房`, tag: `no-unit:${style}` };
    default:
      return { text: `${building}座${room}室`, tag: `no-unit:${style}` };
  }
}

const SEPARATOR_STYLES = new WeightedTable<string>([
  ['none', 65],
  ['space', 22],
  ['comma', 8],
  ['ideographic-space', 5],
]);
const TOWER_ROOM_STYLES = new WeightedTable<string>([
  ['室', 40],
  ['bare', 25],
  ['楼室', 20],
  ['层', 15],
]);
const ROAD_OFFICE_STYLES = new WeightedTable<string>([
  ['室', 60],
  ['楼室', 40],
]);
const PICKUP_STYLES = new WeightedTable<string>([
  ['estate+brand', 55],
  ['road+estate+brand', 25],
  ['brand(estate店)', 20],
]);

function joinParts(rng: Prng, parts: string[], tags: string[]): string {
  const style = SEPARATOR_STYLES.pick(rng);
  if (style !== 'none') tags.push(`separator:${style}`);
  switch (style) {
    case 'space':
      return parts.join(' ');
    case 'comma':
      return parts.join(rng.chance(0.5) ? '，' : ',');
    case 'ideographic-space':
      return parts.join('\u3000');
    default:
      return parts.join('');
  }
}

function finish(rng: Prng, text: string, tags: string[]): string {
  let result = text;
  if (rng.chance(0.1)) {
    result = toFullWidth(result);
    tags.push('full-width');
  }
  if (rng.chance(0.08)) {
    const traditional = toTraditional(result);
    if (traditional !== result) {
      result = traditional;
      tags.push('traditional');
    }
  }
  return result;
}

const ESTATE_TYPO_RATE = 0.04;
const LANDMARK_RATE = 0.12;
// Written between a street address and the estate: where it is, relative to the number.
const LANDMARK_QUALIFIERS = [
  '旁', '旁边', '附近', '对面', '斜对面', '边上', '东侧', '往北100米', '(近地铁站)', '（近公交站）', '（菜市场对面）', '(近{road}地铁站)', '近{road}路口',
] as const;

/**
 * Characters typed or read for one another in estate names: a pinyin input method's wrong candidate
 * (same sound, any tone) or a misread shape. The generator's own list, kept apart from the service's rules.
 */
const ESTATE_CHARACTER_SLIPS: Readonly<Record<string, string>> = {
  阳: '杨扬洋', 光: '广胱', 翠: '萃粹', 竹: '筑烛', 锦: '绵谨', 绣: '秀锈', 金: '今全', 地: '第', 万: '方', 科: '棵颗',
  碧: '璧壁', 桂: '贵挂', 绿: '录', 华: '化桦', 润: '闰涧', 保: '堡宝', 利: '力莉', 龙: '隆笼', 湖: '糊胡', 星: '醒兴',
  河: '和合', 世: '市事', 纪: '记', 东: '冬', 方: '芳房', 春: '椿纯', 幸: '杏辛', 福: '富副', 和: '合禾', 平: '苹坪',
  长: '常场', 城: '成诚', 新: '心欣', 御: '玉誉', 景: '境井', 枫: '峰风', 林: '琳淋', 丽: '莉俪', 滨: '宾彬', 江: '疆姜',
  紫: '子梓', 荆: '京晶', 桃: '陶淘', 源: '园元', 怡: '宜仪', 海: '梅', 悦: '越阅', 天: '添夭', 誉: '玉御', 融: '容荣',
  创: '闯', 泰: '太秦', 嘉: '佳家', 园: '圆源', 花: '化', 家: '佳嘉', 苑: '院愿', 庭: '廷亭', 雅: '亚鸦', 居: '局据',
  名: '明铭', 公: '功工', 寓: '遇喻', 村: '寸存', 山: '衫', 庄: '装妆', 馆: '管官',
};

/** The estate name with one character slipped; undefined when no character of it has a slip listed. */
function misspeltEstate(rng: Prng, name: string): string | undefined {
  const base = name.replace(/小区$/, '');
  const positions = [...base].flatMap((character, index) => (ESTATE_CHARACTER_SLIPS[character] === undefined ? [] : [index]));
  if (positions.length === 0) return undefined;
  const position = rng.pick(positions);
  const slip = rng.pick([...ESTATE_CHARACTER_SLIPS[base[position]]!]);
  return base.slice(0, position) + slip + base.slice(position + 1) + name.slice(base.length);
}

function renderDwelling(rng: Prng, value: Dwelling): { text: string; tags: string[]; namesCity: boolean } {
  const prefix = prefixParts(rng, value.district);
  const tags = [`prefix:${prefix.style}`, `kind:${value.kind}`];
  const parts = [...prefix.parts];
  if (value.kind === 'estate') {
    const { estate } = value;
    // An estate name one character off is written with the full street address (as a form asks for it).
    const typo = rng.chance(ESTATE_TYPO_RATE) ? misspeltEstate(rng, estate.name) : undefined;
    let name = estate.name;
    if (typo !== undefined) {
      name = typo;
      tags.push('class:estate-typo');
    }
    if (typo !== undefined || rng.chance(0.35)) {
      const street = `${estate.road}${estate.roadNumber}号`;
      if (rng.chance(LANDMARK_RATE)) {
        const qualifier = rng.pick(LANDMARK_QUALIFIERS).replace('{road}', rng.pick(value.district.roads).replace(/(?:大道|大街|路|街)$/, ''));
        parts.push(`${street}${qualifier}`);
        tags.push('class:landmark');
      } else {
        parts.push(street);
      }
      tags.push('with-road');
    }
    const withNoise = !name.endsWith('小区') && rng.chance(0.1);
    if (withNoise) tags.push('estate+小区');
    parts.push(withNoise ? `${name}小区` : name);
    const bur = buildingUnitRoom(rng, value.district, value.building, value.unit, value.room);
    tags.push(`units:${bur.tag}`);
    parts.push(bur.text);
  } else if (value.kind === 'compound') {
    parts.push(`${value.road}${value.roadNumber}号`);
    const bur = buildingUnitRoom(rng, value.district, value.building, value.unit, value.room);
    tags.push(`units:${bur.tag}`);
    parts.push(bur.text);
  } else if (value.kind === 'office') {
    const floor = Math.floor(value.room / 100);
    if (value.tower) {
      if (rng.chance(0.5)) {
        parts.push(`${value.road}${value.roadNumber}号`);
        tags.push('with-road');
      }
      const style = TOWER_ROOM_STYLES.pick(rng);
      tags.push(`office:${style}`);
      const room = style === '室' ? `${value.room}室` : style === 'bare' ? `${value.room}` : style === '楼室' ? `${floor}楼${value.room}室` : `${floor}层${value.room}`;
      parts.push(value.tower.name, room);
    } else {
      const style = ROAD_OFFICE_STYLES.pick(rng);
      tags.push(`office-road:${style}`);
      parts.push(`${value.road}${value.roadNumber}号`, style === '室' ? `${value.room}室` : `${floor}楼${value.room}室`);
    }
  } else {
    const brand = PICKUP_BRANDS[value.estate.pickupBrand];
    const written = rng.pick(brand.written);
    const style = PICKUP_STYLES.pick(rng);
    tags.push(`pickup:${style}`);
    if (style === 'estate+brand') parts.push(`${value.estate.name}${written}`);
    else if (style === 'road+estate+brand') parts.push(`${value.estate.road}${value.estate.roadNumber}号`, `${value.estate.name}${written}`);
    else parts.push(`${written}(${value.estate.name}店)`);
  }
  const text = finish(rng, joinParts(rng, parts, tags), tags);
  return { text, tags, namesCity: prefix.style !== 'district' };
}

function renderVague(rng: Prng, district: District, estate: Estate | undefined): { text: string; tags: string[]; namesCity: boolean } {
  const prefix = prefixParts(rng, district, false);
  const style = rng.weighted<string>([
    ['district-only', 30],
    ['road-only', 30],
    ['estate-only', estate ? 40 : 0],
  ]);
  const parts = [...prefix.parts];
  if (style === 'road-only') parts.push(rng.pick(district.roads));
  if (style === 'estate-only') parts.push(estate!.name);
  const tags = [`vague:${style}`];
  return { text: joinParts(rng, parts, tags), tags, namesCity: true };
}

// ---------------------------------------------------------------------------------------------
// Streams
// ---------------------------------------------------------------------------------------------

/** `count` borrowers (or endless when undefined), one at a time. */
export function* syntheticBorrowers(seed: number, profile: GeneratorProfile, count?: number, refPrefix?: string): Generator<SyntheticBorrower> {
  const generator = new SyntheticContactGenerator(seed, profile, refPrefix);
  for (let index = 0; count === undefined || index < count; index += 1) yield generator.nextBorrower();
}

export interface SyntheticBatch {
  sourceKey: SourceKey;
  records: SyntheticRecord[];
}

/**
 * Exactly `records` records as per-source batches of `batchSize` (the ingest API takes one source
 * a request), streamed: at most one partly filled batch per source is held at a time.
 */
export function* syntheticBatches(options: { seed: number; profile: GeneratorProfile; records: number; batchSize: number; refPrefix?: string }): Generator<SyntheticBatch> {
  const buffers = new Map<SourceKey, SyntheticRecord[]>();
  let emitted = 0;
  for (const borrower of syntheticBorrowers(options.seed, options.profile, undefined, options.refPrefix)) {
    for (const record of borrower.records) {
      if (emitted >= options.records) break;
      emitted += 1;
      let buffer = buffers.get(record.sourceKey);
      if (!buffer) buffers.set(record.sourceKey, (buffer = []));
      buffer.push(record);
      if (buffer.length >= options.batchSize) {
        buffers.delete(record.sourceKey);
        yield { sourceKey: record.sourceKey, records: buffer };
      }
    }
    if (emitted >= options.records) break;
  }
  for (const [sourceKey, records] of buffers) if (records.length > 0) yield { sourceKey, records };
}

/** Groups a finished list of records into per-source batches, interleaving sources batch by batch. */
export function intoSourceBatches(records: readonly SyntheticRecord[], batchSize: number): SyntheticBatch[] {
  const bySource = new Map<SourceKey, SyntheticRecord[]>();
  for (const record of records) {
    let list = bySource.get(record.sourceKey);
    if (!list) bySource.set(record.sourceKey, (list = []));
    list.push(record);
  }
  const queues = [...bySource.entries()].map(([sourceKey, list]) => ({ sourceKey, list, offset: 0 }));
  const batches: SyntheticBatch[] = [];
  while (queues.some((queue) => queue.offset < queue.list.length)) {
    for (const queue of queues) {
      if (queue.offset >= queue.list.length) continue;
      batches.push({ sourceKey: queue.sourceKey, records: queue.list.slice(queue.offset, queue.offset + batchSize) });
      queue.offset += batchSize;
    }
  }
  return batches;
}
