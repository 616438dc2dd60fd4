package dev.retort.junit;

import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** One invocation of the annotated method per check of {@link RetortTestKit}, named after the check. */
final class RetortMigrationTestsExtension implements TestTemplateInvocationContextProvider {
    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> AnnotationSupport.isAnnotated(m, RetortMigrationTests.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        RetortMigrationTests settings = AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), RetortMigrationTests.class).orElseThrow();
        RetortTestKit kit = RetortTestKit.of(Path.of(settings.config()));
        if (!settings.url().isEmpty()) kit = kit.withUrl(settings.url());
        return kit.checks().stream().map(RetortMigrationTestsExtension::invocation);
    }

    private static TestTemplateInvocationContext invocation(RetortTestKit.Check check) {
        return new TestTemplateInvocationContext() {
            @Override
            public String getDisplayName(int invocationIndex) { return check.name(); }

            @Override
            public List<Extension> getAdditionalExtensions() {
                return List.of(new InvocationInterceptor() {
                    @Override
                    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> method,
                                                            ExtensionContext context) throws Throwable {
                        invocation.proceed();
                        RetortTestKit.run(() -> check);
                    }
                });
            }
        };
    }
}
