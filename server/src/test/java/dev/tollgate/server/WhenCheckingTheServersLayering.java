package dev.tollgate.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The layering of {@code dev.tollgate.server.internal} that {@code docs/architecture.md} draws: a package per endpoint
 * family, families that reach each other only through the shared packages, no cycles, JDBC stores and endpoints
 * reached only by the wiring. Read from the compiled main classes, so a violation anywhere in the server fails here.
 */
class WhenCheckingTheServersLayering {
    private static final String INTERNAL = "dev.tollgate.server.internal";

    /** The endpoint families: each owns its endpoints and may use only the shared packages. */
    private static final List<String> FAMILIES = List.of(
            "issuance", "edge", "sessions", "reports", "admin", "hooks", "channels", "websdk", "signin", "dashboard");

    /** What every family may use. */
    private static final List<String> SHARED = List.of(
            "http",
            "store",
            "changes",
            "keys",
            "applications",
            "accounts",
            "access",
            "usage",
            "refs",
            "revocations",
            "decisions",
            "registry",
            "minting");

    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tollgate.server");

    @Test
    void everyInternalPackageIsAFamilyOrShared() {
        // A new package must be placed in one list, or the rules below would not look at it.
        List<String> found = SERVER.stream()
                .map(JavaClass::getPackageName)
                .filter(name -> name.startsWith(INTERNAL + "."))
                .map(name -> name.substring(INTERNAL.length() + 1).split("\\.", -1)[0])
                .distinct()
                .toList();
        assertThat(found).isNotEmpty().allMatch(name -> FAMILIES.contains(name) || SHARED.contains(name));
        assertThat(SERVER.stream().filter(c -> c.getPackageName().equals(INTERNAL)))
                .as("classes left in the internal package itself")
                .isEmpty();
    }

    @Test
    void theInternalPackagesAreFreeOfCycles() {
        slices().matching(INTERNAL + ".(*)..").should().beFreeOfCycles().check(SERVER);
    }

    @Test
    void noEndpointFamilyDependsOnAnother() {
        for (String family : FAMILIES) {
            String[] others = FAMILIES.stream()
                    .filter(other -> !other.equals(family))
                    .map(other -> INTERNAL + "." + other + "..")
                    .toArray(String[]::new);
            noClasses()
                    .that()
                    .resideInAPackage(INTERNAL + "." + family + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(others)
                    .because("families reach each other only through the shared packages " + SHARED)
                    .check(SERVER);
        }
    }

    @Test
    void theSharedPackagesDependOnNoFamily() {
        noClasses()
                .that()
                .resideInAnyPackage(packages(SHARED))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(packages(FAMILIES))
                .because("the shared packages are below every family")
                .check(SERVER);
    }

    @Test
    void theHttpPlumbingAndTheStoreDependOnNoOtherInternalPackage() {
        for (String bottom : List.of("http", "store")) {
            List<String> others = new ArrayList<>(SHARED);
            others.remove(bottom);
            others.addAll(FAMILIES);
            noClasses()
                    .that()
                    .resideInAPackage(INTERNAL + "." + bottom + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(packages(others))
                    .because(bottom + " is the bottom of the server")
                    .check(SERVER);
        }
    }

    @Test
    void jdbcStoresAreUsedOnlyByTheWiringAndTheirOwnPackage() {
        classes()
                .that()
                .resideInAPackage(INTERNAL + "..")
                .and()
                .haveSimpleNameStartingWith("Jdbc")
                .should(beUsedOnlyByTheWiringOrTheirOwnPackage())
                .because("everyone else goes through the store interfaces")
                .check(SERVER);
    }

    @Test
    void endpointsAreUsedOnlyByTheWiringAndTheirOwnPackage() {
        classes()
                .that()
                .resideInAPackage(INTERNAL + "..")
                .and()
                .haveSimpleNameEndingWith("Endpoint")
                .and()
                .areNotInterfaces()
                .should(beUsedOnlyByTheWiringOrTheirOwnPackage())
                .because("an endpoint never calls another's statics; what two share lives in a shared package")
                .check(SERVER);
        classes()
                .that()
                .resideInAPackage(INTERNAL + "..")
                .and()
                .haveSimpleNameEndingWith("Endpoint")
                .and()
                .areNotInterfaces()
                .should()
                .notBePublic()
                .because("the wiring registers a family through its Routes class, never an endpoint by itself")
                .check(SERVER);
    }

    private static String[] packages(List<String> names) {
        return names.stream().map(name -> INTERNAL + "." + name + "..").toArray(String[]::new);
    }

    private static ArchCondition<JavaClass> beUsedOnlyByTheWiringOrTheirOwnPackage() {
        String wiring = TollgateServer.class.getName();
        return new ArchCondition<>("be used only by " + wiring + " and their own package") {
            @Override
            public void check(JavaClass target, ConditionEvents events) {
                for (Dependency dependency : target.getDirectDependenciesToSelf()) {
                    JavaClass origin = dependency.getOriginClass();
                    boolean allowed = origin.getPackageName().equals(target.getPackageName())
                            || origin.getName().equals(wiring)
                            || origin.getName().startsWith(wiring + "$");
                    if (!allowed) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }
}
