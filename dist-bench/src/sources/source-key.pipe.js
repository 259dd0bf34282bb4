var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { BadRequestException, Injectable } from '@nestjs/common';
import { SOURCE_KEY_PATTERN } from './source-types.js';
let SourceKeyPipe = class SourceKeyPipe {
    transform(value) {
        if (!SOURCE_KEY_PATTERN.test(value)) {
            throw new BadRequestException('source key: lower-case letters, digits, ".", "_" or "-", at most 64 characters');
        }
        return value;
    }
};
SourceKeyPipe = __decorate([
    Injectable()
], SourceKeyPipe);
export { SourceKeyPipe };
//# sourceMappingURL=source-key.pipe.js.map