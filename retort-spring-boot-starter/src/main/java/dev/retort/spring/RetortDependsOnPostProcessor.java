package dev.retort.spring;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Makes every user of the database that Spring builds for the application depend on the migration, as Spring Boot
 * does for Flyway and Liquibase: JPA's EntityManagerFactory, JdbcTemplate, jOOQ's DSLContext, and R2DBC's
 * ConnectionFactory and DatabaseClient (so that an R2DBC-only application is migrated before its first query).
 */
class RetortDependsOnPostProcessor implements BeanFactoryPostProcessor {
    static final List<String> USERS = List.of(
            "jakarta.persistence.EntityManagerFactory",
            "org.springframework.orm.jpa.AbstractEntityManagerFactoryBean",
            "org.springframework.jdbc.core.JdbcOperations",
            "org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations",
            "org.jooq.DSLContext",
            "io.r2dbc.spi.ConnectionFactory",
            "org.springframework.r2dbc.core.DatabaseClient");

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
        if (!beanFactory.containsBeanDefinition(RetortMigrationInitializer.BEAN_NAME)) return;
        ClassLoader loader = beanFactory.getBeanClassLoader();
        for (String typeName : USERS) {
            if (!ClassUtils.isPresent(typeName, loader)) continue;
            Class<?> type = ClassUtils.resolveClassName(typeName, loader);
            for (String name : BeanFactoryUtils.beanNamesForTypeIncludingAncestors(beanFactory, type, true, false)) {
                String bean = BeanFactoryUtils.transformedBeanName(name);
                if (!beanFactory.containsBeanDefinition(bean)) continue;
                BeanDefinition definition = beanFactory.getBeanDefinition(bean);
                List<String> dependsOn = new ArrayList<>(definition.getDependsOn() == null ? List.of() : Arrays.asList(definition.getDependsOn()));
                if (!dependsOn.contains(RetortMigrationInitializer.BEAN_NAME)) {
                    dependsOn.add(RetortMigrationInitializer.BEAN_NAME);
                    definition.setDependsOn(dependsOn.toArray(String[]::new));
                }
            }
        }
    }
}
