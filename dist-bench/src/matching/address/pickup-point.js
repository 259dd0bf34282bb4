// Parcel lockers and collection points: an address there is not somebody's home.
const PICKUP_POINT = /快递柜|快递箱|快件箱|丰巢|蜂巢柜|驿站|代收点|代收处|自提点|自提柜|自提处|快递点|快递站|快递超市|收件点|取件点|智能柜|速递易|兔喜|代办点/;
// Brand and facility words; what is left says where the pickup point is.
const PICKUP_WORDS = /菜鸟|丰巢|蜂巢|妈妈|兔喜|中通|圆通|申通|韵达|顺丰|京东|邮政|百世|极兔|速递易|快递|快件|驿站|代收|代办|自提|智能|收件|取件|超市|柜|箱|点|处|站|店/g;
export function isPickupPoint(cleaned) {
    return PICKUP_POINT.test(cleaned);
}
/** "阳光花园丰巢快递柜" → "阳光花园"; "丰巢快递柜" → "" (says nothing about where). */
export function withoutPickupWords(text) {
    return text.replace(PICKUP_WORDS, '');
}
//# sourceMappingURL=pickup-point.js.map