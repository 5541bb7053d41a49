# Writes a C++ file holding the web page's files as byte arrays (cmake -P, run by the build
# whenever a file in server/web changes). Inputs: OUTPUT, WEB_DIR.
set(files
  "/|index.html|text/html@ charset=utf-8"
  "/app.js|app.js|text/javascript@ charset=utf-8"
  "/style.css|style.css|text/css@ charset=utf-8"
  "/openapi.json|openapi.json|application/json")
set(out "// Generated from server/web by server/cmake/embed.cmake; do not edit.\n#include \"assets.hpp\"\n\nnamespace mpadvisor::server::detail {\nnamespace {\n")
set(table "")
set(index 0)
foreach(entry IN LISTS files)
  string(REPLACE "|" ";" parts "${entry}")
  list(GET parts 0 path)
  list(GET parts 1 file)
  list(GET parts 2 type)
  string(REPLACE "@" ";" type "${type}")  # '@' stands for ';', which would split the list
  file(READ "${WEB_DIR}/${file}" hex HEX)
  string(LENGTH "${hex}" hex_length)
  math(EXPR size "${hex_length} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
  string(APPEND out "constexpr char k${index}[] = {${bytes} 0};\n")
  string(APPEND table "    {\"${path}\", \"${type}\", {k${index}, ${size}}},\n")
  math(EXPR index "${index} + 1")
endforeach()
string(APPEND out "constexpr Asset kAssets[] = {\n${table}};\n}  // namespace\n\nstd::span<const Asset> assets() { return kAssets; }\n\n}  // namespace mpadvisor::server::detail\n")
file(WRITE "${OUTPUT}.tmp" "${out}")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
