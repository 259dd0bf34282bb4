export const QUEUE_DRIVER = Symbol('QUEUE_DRIVER');
//# sourceMappingURL=queue-driver.interface.js.map