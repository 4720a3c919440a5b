function goSearch(el){ /* builds the address at run time */ }
