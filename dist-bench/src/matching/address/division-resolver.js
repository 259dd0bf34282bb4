import { citiesByCode, fullNameLengthAt, longestAliasAt, MUNICIPALITY_PROVINCE_CODES, onlyCityOfMunicipality, provincesByCode, soleDistrictOf, } from './division-index.js';
// Fillers written after a municipality: 北京市市辖区, 重庆市县, 上海市上海市.
const MUNICIPAL_FILLERS = ['市辖区', '辖区', '郊县', '县', '市'];
function skipMunicipalFillers(text, position, province) {
    let current = position;
    for (let skipped = true; skipped;) {
        skipped = false;
        if (text.startsWith(province.name, current)) {
            current += province.name.length;
            skipped = true;
            continue;
        }
        for (const filler of MUNICIPAL_FILLERS) {
            if (text.startsWith(filler, current)) {
                current += filler.length;
                skipped = true;
                break;
            }
        }
    }
    return current;
}
/** The single record at the shallowest level, or undefined when that level is ambiguous. */
function chooseRecord(entries) {
    let shallowest = 4;
    for (const entry of entries)
        shallowest = Math.min(shallowest, entry.record.level);
    let chosen;
    for (const entry of entries) {
        if (entry.record.level !== shallowest)
            continue;
        if (chosen !== undefined && chosen.code !== entry.record.code)
            return undefined;
        chosen = entry.record;
    }
    return chosen;
}
function isMunicipality(record) {
    return record !== undefined && MUNICIPALITY_PROVINCE_CODES.has(record.code);
}
/**
 * Reads province, city and district names from the start of a cleaned address. Levels may be
 * skipped (深圳市南山区, 南山区, 江苏省昆山市); missing parents are filled in from the deepest
 * division found. An ambiguous name (朝阳区 alone: Beijing or Changchun) leaves that level empty
 * rather than guessing.
 */
export function resolveDivisions(text) {
    const context = { deepestLevel: 0 };
    let district;
    let position = 0;
    let steps = 0;
    let startedWithBareShortName = false;
    let unresolved = false;
    while (position < text.length && district === undefined) {
        if (isMunicipality(context.province) && context.city === undefined) {
            position = skipMunicipalFillers(text, position, context.province);
        }
        const match = longestAliasAt(text, position, context);
        if (match === undefined) {
            // "广东省朝阳区": a real division name that contradicts what came before. Skip it so it
            // is not read as a road or community, but do not trust it.
            const contradictory = context.deepestLevel > 0 ? fullNameLengthAt(text, position) : 0;
            if (contradictory > 0) {
                position += contradictory;
                unresolved = true;
            }
            break;
        }
        const record = chooseRecord(match.entries);
        if (record === undefined) {
            if (match.entries.every((entry) => !entry.short))
                position += match.length;
            unresolved = true;
            break;
        }
        const readAsShortName = match.entries.every((entry) => !(entry.record === record && !entry.short));
        // Province short names ("广东", "北京") are reliable; bare city short names are not.
        if (steps === 0 && readAsShortName && record.level > 1)
            startedWithBareShortName = true;
        steps++;
        position += match.length;
        context.deepestLevel = record.level;
        if (record.level === 1)
            context.province = record;
        else if (record.level === 2)
            context.city = record;
        else
            district = record;
        if (record.level >= 2 && context.province === undefined) {
            context.province = provincesByCode.get(record.provinceCode);
        }
    }
    // "深圳湾", "长沙湾": a lone short name with nothing after it is too weak to be a place.
    if (startedWithBareShortName && steps === 1) {
        return { end: 0, unresolved: false };
    }
    let { province, city } = context;
    if (district !== undefined) {
        city = citiesByCode.get(district.cityCode);
        province = provincesByCode.get(district.provinceCode);
    }
    else if (city !== undefined) {
        district = soleDistrictOf(city.code);
    }
    else if (isMunicipality(province)) {
        city = onlyCityOfMunicipality(province.code);
    }
    return { province, city, district, end: position, unresolved };
}
//# sourceMappingURL=division-resolver.js.map