package dev.retort.spring;

import dev.retort.Retort;
import dev.retort.api.Callback;
import dev.retort.config.RetortConfig;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

import javax.sql.DataSource;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Runs {@code upgrade head} when the application starts, before JPA and every other user of the database, on the
 * application's database (see {@link RetortDatabase}) over a connection of Retort's own, under Retort's lock, so any
 * number of replicas can start at once.
 */
@AutoConfiguration(
        afterName = {"org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
                "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "org.springframework.boot.autoconfigure.r2dbc.R2dbcAutoConfiguration",
                "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration"},
        beforeName = {"org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration",
                "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
                "org.springframework.boot.autoconfigure.data.r2dbc.R2dbcDataAutoConfiguration",
                "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration"})
@ConditionalOnClass(Retort.class)
@ConditionalOnProperty(prefix = "retort", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(RetortProperties.class)
public class RetortAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    RevisionLocation retortRevisionLocation(RetortProperties properties, ResourceLoader resources) {
        return RevisionLocation.of(properties.getLocation(), resources);
    }

    @Bean
    @ConditionalOnMissingBean
    public Retort retort(RetortProperties properties, Environment env, ObjectProvider<DataSource> dataSource, RevisionLocation location,
                         ResourceLoader resources, ObjectProvider<Callback> callbacks) {
        RetortDatabase db = RetortDatabase.resolve(properties, env, dataSource);
        RetortConfig config = RetortConfig.defaults(location.folder()).change(b -> {
            b.scriptLocation = location.folder();
            b.url = db.url();
            b.user = db.user();
            b.password = db.password();
            b.schemas = List.copyOf(properties.getSchemas());
            b.placeholders = Map.copyOf(properties.getPlaceholders());
            b.lockTimeout = properties.getLockTimeout();
            b.manageGrants = properties.isManageGrants();
            b.lintGate = dev.retort.config.ConfigLoader.lintGate(properties.getLintGate(), java.nio.file.Path.of("retort.lint-gate"));
            b.ddlLockTimeout = properties.getDdlLockTimeout();
        });
        // the application's Callback beans run too, in their @Order (they must not need what the migration comes before: JPA, JdbcTemplate)
        return Retort.create(config, resources.getClassLoader(), callbacks.orderedStream().toList());
    }

    @Bean(RetortMigrationInitializer.BEAN_NAME)
    @ConditionalOnMissingBean
    public RetortMigrationInitializer retortMigrationInitializer(Retort retort, RetortProperties properties, BeanFactory beans) {
        Retort entityCheck = null;
        if (properties.isFailOnPendingModelChanges()) {
            List<String> entities = properties.getEntities().isEmpty() ? scanEntities(beans) : List.copyOf(properties.getEntities());
            entityCheck = Retort.create(retort.config().change(b -> {
                b.entities = entities;
                b.modelOptions = Map.of("naming", "spring");
            }));
        }
        return new RetortMigrationInitializer(retort, properties, entityCheck);
    }

    @Bean
    static RetortDependsOnPostProcessor retortDependsOnPostProcessor() { return new RetortDependsOnPostProcessor(); }

    /** Every {@code @Entity} class in the application's packages (those of its {@code @SpringBootApplication}). */
    @SuppressWarnings("unchecked")
    private static List<String> scanEntities(BeanFactory beans) {
        String entity = "jakarta.persistence.Entity";
        ClassLoader loader = RetortAutoConfiguration.class.getClassLoader();
        if (!ClassUtils.isPresent(entity, loader) || !AutoConfigurationPackages.has(beans)) return List.of();
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter((Class<? extends Annotation>) ClassUtils.resolveClassName(entity, loader)));
        TreeSet<String> found = new TreeSet<>();
        for (String pkg : AutoConfigurationPackages.get(beans)) scanner.findCandidateComponents(pkg).forEach(d -> found.add(d.getBeanClassName()));
        return new ArrayList<>(found);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
    static class EndpointConfiguration {
        @Bean
        @ConditionalOnMissingBean
        RetortEndpoint retortEndpoint(Retort retort) { return new RetortEndpoint(retort); }
    }
}
