package chat.client.window;

import static org.assertj.core.api.Assertions.assertThat;

import chat.client.text.Tone;
import com.github.caciocavallosilano.cacio.ctc.junit.CacioExtension;
import java.awt.Color;
import java.util.List;
import javax.swing.SwingUtilities;
import javax.swing.text.StyleConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The message pane's colours read on either theme, and no name is drawn in the colour of errors. */
@ExtendWith(CacioExtension.class) // a virtual screen: no X server needed
class MessagePaneTest {
    /** WCAG's contrast ratio of two colours, 1 to 21. */
    private static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        double[] rgb = {c.getRed() / 255.0, c.getGreen() / 255.0, c.getBlue() / 255.0};
        for (int i = 0; i < 3; i++) {
            rgb[i] = rgb[i] <= 0.03928 ? rgb[i] / 12.92 : Math.pow((rgb[i] + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
    }

    @ParameterizedTest
    @ValueSource(ints = {0x2B2B2B, 0x3C3F41, 0xFFFFFF, 0xF2F2F2}) // FlatLaf's dark and light text backgrounds, and near
    void quietLinesReadOnTheirBackground(int background) throws Exception {
        Color[] seen = new Color[2];
        SwingUtilities.invokeAndWait(() -> {
            MessagePane messages = new MessagePane(name -> null);
            messages.textPane().setBackground(new Color(background));
            messages.append(List.of(new Line("12:00", "[earlier 11:58] <bob> said before you came", Tone.NOTICE, null, false, false)));
            var doc = messages.textPane().getStyledDocument();
            seen[0] = StyleConstants.getForeground(doc.getCharacterElement(0).getAttributes()); // the time
            seen[1] = StyleConstants.getForeground(doc.getCharacterElement(10).getAttributes()); // the words
        });
        for (Color c : seen) {
            assertThat(contrast(c, new Color(background))).as("contrast of %s on %06x", c, background).isGreaterThanOrEqualTo(4.5);
        }
    }

    @Test
    void noNameIsInTheRedOfErrors() {
        float errorHue = Color.RGBtoHSB(MessagePane.ERROR_RED.getRed(), MessagePane.ERROR_RED.getGreen(),
                MessagePane.ERROR_RED.getBlue(), null)[0];
        for (Color c : MessagePane.NAME_COLOURS) {
            float hue = Color.RGBtoHSB(c.getRed(), c.getGreen(), c.getBlue(), null)[0];
            float distance = Math.min(Math.abs(hue - errorHue), 1 - Math.abs(hue - errorHue));
            assertThat(distance).as("hue distance of %s from the error red", c).isGreaterThan(0.05f);
        }
    }
}
