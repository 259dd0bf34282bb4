export const QUEUE_MODULE_OPTIONS = Symbol('QUEUE_MODULE_OPTIONS');
//# sourceMappingURL=queue.options.js.map