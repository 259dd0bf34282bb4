// Parcel lockers and collection points: an address there is not somebody's home.
const PICKUP_POINT =
  /快递柜|快递箱|快件箱|丰巢|蜂巢柜|驿站|代收点|代收处|自提点|自提柜|自提处|快递点|快递站|快递超市|收件点|取件点|智能柜|速递易|兔喜|代办点/;

// Words naming a pickup point rather than the place it serves: brands, services, and the facility after them.
const BRANDS = '菜鸟|丰巢|蜂巢|妈妈|兔喜|中通|圆通|申通|韵达|顺丰|京东|邮政|百世|极兔|速递易';
const SERVICES = '快递|快件|驿站|代收|代办|自提|智能|收件|取件|超市';
const FACILITIES = '柜|箱|点|处|站|店';
const ANY_WORD = `(?:${BRANDS}|${SERVICES}|${FACILITIES})*`;
// Only at either end, where the pickup point's name is written around the place: "华润名苑丰巢智能柜", "菜鸟驿站
// (阳光花园店)". In front it needs a service or locker word, so an estate named after a brand keeps it ("邮政新村");
// at the end a brand alone ("阳光花园丰巢") or the branch's 店 goes too. Words inside a name stay ("站前花园").
const LEADING_PICKUP_WORDS = `^(?:${BRANDS})*(?:${SERVICES}|柜|箱)${ANY_WORD}`;
const TRAILING_PICKUP_WORDS = `(?:(?:${BRANDS}|${SERVICES})${ANY_WORD}|店)$`;
const PICKUP_WORDS_AT_ENDS = new RegExp(`${LEADING_PICKUP_WORDS}|${TRAILING_PICKUP_WORDS}`, 'g');

export function isPickupPoint(cleaned: string): boolean {
  return PICKUP_POINT.test(cleaned);
}

/**
 * The place a pickup point serves, without its brand and locker words: "阳光花园丰巢快递柜" → "阳光花园",
 * "华润名苑丰巢智能柜" → "华润名苑", "菜鸟驿站阳光花园店" → "阳光花园"; "丰巢快递柜" → "" (says nothing about where).
 */
export function withoutPickupWords(text: string): string {
  return text.replace(PICKUP_WORDS_AT_ENDS, '');
}
