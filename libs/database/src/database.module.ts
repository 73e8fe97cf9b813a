import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { createServiceDataSource, type ServiceDatabaseOptions } from './data-source.js';
import { migrateSchema } from './migrations.js';

/** Connects a service to its schema and migrates it before the app starts listening. */
@Module({})
export class DatabaseModule {
  static forService(options: ServiceDatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({}),
          dataSourceFactory: async () => {
            const dataSource = createServiceDataSource(options);
            await dataSource.initialize();
            await migrateSchema(dataSource, options.schema);
            return dataSource;
          },
        }),
        TypeOrmModule.forFeature(options.entities as never[]),
      ],
      exports: [TypeOrmModule],
    };
  }
}
