import java.io.IOException;
import java.nio.charset.StandardCharsets;

public class Main {
    // nums: every integer of the input, in order. Return the order separated by spaces, or CYCLE.
    static String solve(long[] nums) {
        // TODO: your solution
        return "";
    }

    public static void main(String[] args) throws IOException {
        String input = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).trim();
        String[] tokens = input.isEmpty() ? new String[0] : input.split("\\s+");
        long[] nums = new long[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            nums[i] = Long.parseLong(tokens[i]);
        }
        System.out.println(solve(nums));
    }
}
