package app.inbo.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layers every service keeps, checked on its compiled classes: {@code rest} → {@code service} →
 * {@code domain} (entities and stores), never back. Requests are mapped to service types in {@code rest}; what
 * the service answers is its own type; a store never reaches for a service.
 */
public final class LayerRules {

    private LayerRules() {
    }

    /** The classes of the service whose base package is {@code basePackage} (e.g. {@code app.inbo.reading}). */
    public static JavaClasses classesOf(String basePackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
    }

    public static ArchRule nothingBelowRestImportsRest(String basePackage) {
        return noClasses().that().resideOutsideOfPackage(basePackage + ".rest..")
                .should().dependOnClassesThat().resideInAPackage(basePackage + ".rest..")
                .because("rest is the edge: it maps requests to service types and calls down, nothing calls up");
    }

    public static ArchRule storesDoNotImportServices(String basePackage) {
        return noClasses().that().resideInAPackage(basePackage + ".domain..")
                .should().dependOnClassesThat().resideInAPackage(basePackage + ".service..")
                .because("entities and stores sit below the services that use them");
    }

    /** Checks both rules; fails naming every offending dependency of either. */
    public static void check(String basePackage) {
        CompositeArchRule.of(nothingBelowRestImportsRest(basePackage)).and(storesDoNotImportServices(basePackage))
                .check(classesOf(basePackage));
    }
}
