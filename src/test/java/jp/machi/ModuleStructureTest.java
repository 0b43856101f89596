package jp.machi;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The module boundaries of the house plan hold: modules use each other only through their base packages. */
class ModuleStructureTest {

    static final ApplicationModules MODULES = ApplicationModules.of(MachiApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        MODULES.verify();
    }

    @Test
    void writesModuleDiagrams() {
        // target/spring-modulith-docs: the module map (PlantUML), one diagram per module, and each module's canvas
        // (its public types, Spring beans, events published and listened to, configuration properties)
        new Documenter(MODULES).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml().writeModuleCanvases();
    }
}
