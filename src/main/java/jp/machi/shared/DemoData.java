package jp.machi.shared;

import org.springframework.modulith.ApplicationModuleInitializer;

/**
 * A module's demo data: a Spring Modulith {@link ApplicationModuleInitializer} (run at start in module-dependency
 * order, so a module's data comes after that of the modules it depends on) that seeds only in {@link DemoMode demo
 * mode}. {@link #seed()} runs at every start, so it checks for itself what is already there.
 */
public abstract class DemoData implements ApplicationModuleInitializer {

    private final DemoMode demo;

    protected DemoData(DemoMode demo) {
        this.demo = demo;
    }

    @Override
    public void initialize() {
        if (demo.enabled()) {
            seed();
        }
    }

    /** Writes the demo data that is not there yet (demo mode only). */
    protected abstract void seed();
}
