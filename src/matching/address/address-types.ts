/** A GB/T 2260 division: province '44', city '4403', district '440305'. */
export interface Division {
  code: string;
  name: string;
}

export interface ParsedAddress {
  raw: string;
  /** Full-width → half-width, traditional → simplified, whitespace and punctuation normalised. */
  cleaned: string;
  province?: Division;
  city?: Division;
  district?: Division;
  /**
   * Set instead of district when the name fits two or three of one province (山东市中区: 济南 or 枣庄):
   * the address is keyed and blocked at that precision, never merged on its own.
   */
  districtCandidates?: Division[];
  /** 街道/镇/乡, as written ("粤海街道"). */
  town?: string;
  /** '科技南十二路', '人民南路四段'. */
  road?: string;
  /**
   * '18' for 18号 (also 18号院). A Shanghai lane keeps its 弄: '人民路100弄5号' gives
   * roadNumber '100弄' and building '5', since the 号 inside a lane numbers a building.
   */
  roadNumber?: string;
  /**
   * 小区/花园/大厦/苑/村 name with noise such as '小区' removed; phase, zone and village group appended ('阳光花园2期').
   * For a pickup point, the place it serves without brand or locker words ('阳光花园丰巢快递柜' → '阳光花园').
   */
  community?: string;
  /** '3' for 3栋/3号楼/3幢/3座/3-2-501; letters upper-case ('A'); a house number (12号) inside a community or village. */
  building?: string;
  /** '2' for 2单元 (also Beijing's 2门). */
  unit?: string;
  /** Informative only: '3' for 3层/3楼. Never decides identity on its own. */
  floor?: string;
  /** '501' for 501室/501房/501号 after a building or unit, or trailing digits. */
  room?: string;
  /** 快递柜, 丰巢, 驿站, 代收点, 自提点 ... a place to collect parcels, not a home. */
  pickupPoint: boolean;
  /** Left undefined by the parser; callers set it. */
  kind?: string;
}

export type AddressMatchDecision = 'same' | 'different' | 'uncertain';

export type FieldAgreement = 'agree' | 'differ' | 'missing' | 'similar';

export interface FieldComparison {
  field: string;
  left?: string;
  right?: string;
  agreement: FieldAgreement;
}

export interface AddressComparison {
  decision: AddressMatchDecision;
  /** 0..1, weighted agreement of the fields; 1 exactly when every compared field agrees. */
  score: number;
  fields: FieldComparison[];
}
