import { DefaultNamingStrategy } from 'typeorm';
function snakeCase(value) {
    return value.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2').toLowerCase();
}
/** Columns in snake_case so hand-written set-based SQL reads naturally. */
export class SnakeNamingStrategy extends DefaultNamingStrategy {
    columnName(propertyName, customName, embeddedPrefixes) {
        return snakeCase(embeddedPrefixes.concat(customName ?? propertyName).join('_'));
    }
    relationName(propertyName) {
        return snakeCase(propertyName);
    }
    joinColumnName(relationName, referencedColumnName) {
        return snakeCase(`${relationName}_${referencedColumnName}`);
    }
}
//# sourceMappingURL=snake-naming.strategy.js.map