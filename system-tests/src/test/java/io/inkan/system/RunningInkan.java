package io.inkan.system;

import io.inkan.system.stack.Bank;
import io.inkan.system.stack.InkanSystem;
import io.inkan.system.stack.RelyingParty;

/**
 * The running Inkan a scenario class shares with its scenarios. Scenarios written as interfaces (default methods)
 * reach it through this, so that one scenario class can compose several sets of scenarios on one deployment, and the
 * shortened periods they wait for elapse once for all of them.
 */
interface RunningInkan {
    InkanSystem system();

    Bank bank();

    RelyingParty relyingParty();
}
