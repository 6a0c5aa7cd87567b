package chat.client.window;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.FlatLightLaf;

/** The window's look: FlatLaf, light or dark. Event thread only. */
final class Themes {
    private Themes() {}

    /** Sets the look for windows made from now on. */
    static void use(boolean dark) {
        if (dark) {
            FlatDarkLaf.setup();
        } else {
            FlatLightLaf.setup();
        }
    }

    /** Changes the look of the open windows too. */
    static void switchTo(boolean dark) {
        use(dark);
        FlatLaf.updateUI();
    }
}
