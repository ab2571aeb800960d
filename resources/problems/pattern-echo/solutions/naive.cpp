// Correct but slow: compares the tune letter by letter at every position (O(n m)).
#include <iostream>
#include <string>

int main()
{
    std::string song, tune;
    if (!(std::cin >> song >> tune))
        return 1;
    const std::size_t n = song.size(), m = tune.size();
    long long count = 0;
    for (std::size_t start = 0; start + m <= n; ++start) {
        std::size_t i = 0;
        while (i < m && song[start + i] == tune[i])
            ++i;
        if (i == m)
            ++count;
    }
    std::cout << count << "\n";
}
