#include <iostream>
#include <sstream>
#include <string>

int main()
{
    std::string line;
    while (std::getline(std::cin, line)) {
        std::istringstream words(line);
        std::string word, out;
        while (words >> word) {
            if (!out.empty())
                out += ' ';
            out.append(word.rbegin(), word.rend());
        }
        std::cout << out << '\n';
    }
}
