package dev.raworc.platform.schema;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Boot's Flyway initializer (which the database's users already wait for) runs every module this
 * process reads: the platform's, the command's and the query's always (platform beans read them in
 * every process), the runner's when the runner side declares its {@link ModuleSchema} bean.
 */
@Configuration(proxyBeanMethods = false)
class SchemaConfiguration {

    @Bean
    ModuleSchema platformSchema() {
        return ModuleSchema.PLATFORM;
    }

    /** Every process reads these tables at start (see {@link ModuleSchema#COMMAND}). */
    @Bean
    ModuleSchema commandSchema() {
        return ModuleSchema.COMMAND;
    }

    /** Every process reads these tables (see {@link ModuleSchema#QUERY}). */
    @Bean
    ModuleSchema querySchema() {
        return ModuleSchema.QUERY;
    }

    @Bean
    FlywayMigrationStrategy moduleMigrations(ObjectProvider<ModuleSchema> modules) {
        return flyway -> SchemaMigrations.migrate(flyway.getConfiguration().getDataSource(), modules.stream().toList());
    }
}
