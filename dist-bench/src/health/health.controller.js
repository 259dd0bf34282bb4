var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators.js';
import { MessageQueueService } from '../queue/message-queue.service.js';
let HealthController = class HealthController {
    constructor(dataSource, queue) {
        this.dataSource = dataSource;
        this.queue = queue;
    }
    /** Readiness: 200 when the database (and Redis, when configured) answer, 503 otherwise. */
    async readiness() {
        const checks = {
            database: await timed(() => this.dataSource.query('SELECT 1')),
            queue: this.queue.driverName === 'bullmq' ? await timed(() => this.queue.ping()) : { status: 'up' },
        };
        if (Object.values(checks).some((check) => check.status === 'down')) {
            throw new ServiceUnavailableException({ status: 'unavailable', checks });
        }
        return { status: 'ok', checks };
    }
    /** Liveness: the process answers; no dependency is checked. */
    liveness() {
        return { status: 'ok' };
    }
};
__decorate([
    Get(),
    ApiOkResponse({ description: '{ status, checks: { database, queue } }' }),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", Promise)
], HealthController.prototype, "readiness", null);
__decorate([
    Get('live'),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", Object)
], HealthController.prototype, "liveness", null);
HealthController = __decorate([
    ApiTags('health'),
    Public(),
    Controller('health'),
    __param(0, InjectDataSource()),
    __metadata("design:paramtypes", [DataSource,
        MessageQueueService])
], HealthController);
export { HealthController };
async function timed(check) {
    const started = performance.now();
    try {
        await check();
        return { status: 'up', latencyMilliseconds: Math.round(performance.now() - started) };
    }
    catch (error) {
        return { status: 'down', error: error instanceof Error ? error.message : String(error) };
    }
}
//# sourceMappingURL=health.controller.js.map