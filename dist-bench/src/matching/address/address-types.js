export {};
//# sourceMappingURL=address-types.js.map