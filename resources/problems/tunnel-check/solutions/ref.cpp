#include <iostream>
#include <string>

int main()
{
    std::ios::sync_with_stdio(false);
    std::string line;
    std::getline(std::cin, line);
    const int t = std::stoi(line);
    for (int i = 0; i < t; ++i) {
        std::string plan;
        std::getline(std::cin, plan);
        std::string stack;
        bool sound = true;
        for (char c : plan) {
            if (c == '(' || c == '[' || c == '{') {
                stack.push_back(c);
            } else if (c == ')' || c == ']' || c == '}') {
                const char open = c == ')' ? '(' : c == ']' ? '[' : '{';
                if (stack.empty() || stack.back() != open) {
                    sound = false;
                    break;
                }
                stack.pop_back();
            }
        }
        std::cout << (sound && stack.empty() ? "YES" : "NO") << '\n';
    }
}
