var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var DatabaseModule_1;
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions, openDataSource } from './data-source-options.js';
let DatabaseModule = DatabaseModule_1 = class DatabaseModule {
    /** `url` is resolved before the module graph exists (an embedded server may have been started for it). */
    static forRoot(config) {
        const settings = { url: config.url, poolSize: config.poolSize, logQueries: config.logQueries };
        return {
            module: DatabaseModule_1,
            imports: [
                TypeOrmModule.forRootAsync({
                    useFactory: () => dataSourceOptions(settings),
                    // Migrations run at start-up under an advisory lock, never `synchronize`.
                    dataSourceFactory: async () => openDataSource(settings),
                }),
            ],
        };
    }
};
DatabaseModule = DatabaseModule_1 = __decorate([
    Module({})
], DatabaseModule);
export { DatabaseModule };
//# sourceMappingURL=database.module.js.map