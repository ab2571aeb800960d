#include <algorithm>
#include <iostream>
#include <string>
#include <unordered_map>

int main()
{
    std::ios::sync_with_stdio(false);
    int n = 0;
    std::cin >> n;
    std::unordered_map<std::string, int> groups;
    int largest = 0;
    for (int i = 0; i < n; ++i) {
        std::string word;
        std::cin >> word;
        std::sort(word.begin(), word.end());
        largest = std::max(largest, ++groups[word]);
    }
    std::cout << groups.size() << ' ' << largest << '\n';
}
