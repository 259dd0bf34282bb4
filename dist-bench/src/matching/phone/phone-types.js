export {};
//# sourceMappingURL=phone-types.js.map