# Warnings, sanitizers and compiler caching shared by every target of the project.
add_library(mpadvisor_options INTERFACE)
add_library(mpadvisor::options ALIAS mpadvisor_options)
target_compile_options(mpadvisor_options INTERFACE -Wall -Wextra -Wpedantic)
# GCC 12 reports impossible memcpy overlaps inside libstdc++'s std::string concatenation at
# -O2 (GCC bug 105329, fixed in GCC 13); the warning says nothing about our code.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(mpadvisor_options INTERFACE -Wno-restrict)
endif()
if(MPADVISOR_WERROR)
  target_compile_options(mpadvisor_options INTERFACE -Werror)
endif()
if(MPADVISOR_SANITIZE)
  target_compile_options(mpadvisor_options INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(mpadvisor_options INTERFACE -fsanitize=address,undefined)
endif()

# ccache turns the second build of the same sources (CI's asan pass, re-runs) into a cache lookup.
find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_CXX_COMPILER_LAUNCHER ${CCACHE_PROGRAM})
endif()
